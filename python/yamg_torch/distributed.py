"""Where this process stands among the others: rank, world, device; the process group and small collectives.

Under `torchrun` (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR… in the environment) the process joins the group:
NCCL on GPUs, gloo on CPU, each process on the GPU of its LOCAL_RANK. Started as plain `python -m`, it is a world
of one and no group is made. Control messages (stop requests, random states) go over a gloo group on the CPU, so
asking "did anyone get Ctrl-C?" every step does not wait for the GPU."""

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from .errors import YamgError


@dataclass
class Place:
    rank: int
    world: int
    local_rank: int
    local_world: int
    device: torch.device

    @property
    def is_main(self):
        return self.rank == 0

    @property
    def distributed(self):
        return dist.is_available() and dist.is_initialized()


def locate(device_flag):
    """This process's rank and device, from torchrun's environment (or a world of one)."""
    rank = int(os.environ.get("RANK", "0"))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    if device_flag == "cuda" or (device_flag == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise YamgError("--device cuda: no CUDA GPU is visible to this process")
        if local_rank >= torch.cuda.device_count():
            raise YamgError(f"local rank {local_rank} has no GPU: {torch.cuda.device_count()} visible; start at "
                            "most that many processes per node")
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    return Place(rank, world, local_rank, local_world, device)


_control = None


def join(place):
    """Joins the process group when torchrun started several processes (or one with RANK set)."""
    global _control
    if "RANK" not in os.environ:
        return
    backend = "nccl" if place.device.type == "cuda" else "gloo"
    dist.init_process_group(backend, device_id=place.device if backend == "nccl" else None)
    _control = dist.new_group(backend="gloo") if backend == "nccl" else None


def finish():
    """Waits for every process (rank 0 may still be writing files) before the group goes: a process that tears
    it down while another still uses it takes the job down with it."""
    if dist.is_available() and dist.is_initialized():
        dist.barrier(group=_control)


def leave():
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def all_reduce_sum(tensor):
    if dist.is_available() and dist.is_initialized():
        dist.all_reduce(tensor)


def any_process(flag):
    """True on every process when `flag` is true on any (over the CPU control group)."""
    if not (dist.is_available() and dist.is_initialized()):
        return flag
    t = torch.tensor([1 if flag else 0], dtype=torch.int32)
    dist.all_reduce(t, op=dist.ReduceOp.MAX, group=_control)
    return bool(t.item())


def gather_objects(obj):
    """Every process's `obj`, in rank order (a list of one outside a group)."""
    if not (dist.is_available() and dist.is_initialized()):
        return [obj]
    out = [None] * dist.get_world_size()
    dist.all_gather_object(out, obj, group=_control)
    return out


def broadcast_object(obj):
    """Rank 0's `obj` on every process."""
    if not (dist.is_available() and dist.is_initialized()):
        return obj
    box = [obj]
    dist.broadcast_object_list(box, src=0, group=_control)
    return box[0]
