"""What `--resume` needs beyond the weights, in yamg's own layout (Sources/Models/TrainingState.swift):
`NAME.state.safetensors` beside `NAME.safetensors`, with the AdamW moments as tensors `adam.m.<param>` and
`adam.v.<param>`, and in its metadata the step, epoch, run length, update count, early-stopping counters and
a state for yamg's random generator. So either trainer can continue the other's run: `yamg train --resume` picks
up a run made here, and this trainer one made by yamg.

torch's own random states (dropout masks; one per process) ride along in the metadata as `torch_rng`, which
yamg ignores: with them a resumed run here draws exactly the masks the uninterrupted one would have."""

import base64
import json
from dataclasses import dataclass, field

import torch
from safetensors.torch import save as save_bytes

from .errors import YamgError
from .modelfile import read_safetensors, write_atomically

MASK64 = (1 << 64) - 1


def state_path(model_path):
    text = str(model_path)
    return (text[:-len(".safetensors")] if text.endswith(".safetensors") else text) + ".state.safetensors"


def yamg_rng_words(seed, step):
    """Four splitmix64 words for yamg's xoshiro256** (as RNG(seed:) makes them), from the seed and the step."""
    s = (seed * 0x9E3779B97F4A7C15 + step) & MASK64
    words = []
    for _ in range(4):
        s = (s + 0x9E3779B97F4A7C15) & MASK64
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        words.append(z ^ (z >> 31))
    return words


@dataclass
class TrainingState:
    step: int = 0
    epoch: int = 0
    total_steps: int = 0
    optimizer_step: int = 0
    best_val_loss: float | None = None
    epochs_without_improvement: int = 0
    # The run's --seed (it orders the windows of every epoch); None in a file yamg wrote.
    seed: int | None = None
    # Per process: {"cpu": bytes, "cuda": bytes or None}; empty when the file came from yamg.
    torch_rng: list = field(default_factory=list)

    def save(self, path, optimizer):
        tensors = {}
        for name, m, v in optimizer.moments():
            tensors[f"adam.m.{name}"] = m.detach().to("cpu", torch.float32).contiguous()
            tensors[f"adam.v.{name}"] = v.detach().to("cpu", torch.float32).contiguous()
        metadata = {"step": str(self.step), "epoch": str(self.epoch), "total_steps": str(self.total_steps),
                    "optimizer_step": str(self.optimizer_step),
                    "rng": ",".join(map(str, yamg_rng_words(self.seed or 0, self.step))),
                    "epochs_without_improvement": str(self.epochs_without_improvement),
                    "torch_rng": json.dumps([{k: base64.b64encode(v).decode() if v is not None else None
                                              for k, v in r.items()} for r in self.torch_rng])}
        if self.seed is not None:
            metadata["seed"] = str(self.seed)
        if self.best_val_loss is not None:
            metadata["best_val_loss"] = repr(float(self.best_val_loss))
        write_atomically(path, save_bytes(tensors, metadata=metadata))

    @staticmethod
    def load(path, parameter_names):
        """(state, {name: (m, v)}); YamgError naming the file when anything is missing."""
        tensors, m = read_safetensors(path)
        try:
            state = TrainingState(step=int(m["step"]), epoch=int(m["epoch"]), total_steps=int(m["total_steps"]),
                                  optimizer_step=int(m["optimizer_step"]),
                                  best_val_loss=float(m["best_val_loss"]) if "best_val_loss" in m else None,
                                  epochs_without_improvement=int(m.get("epochs_without_improvement", "0")),
                                  seed=int(m["seed"]) if "seed" in m else None)
        except (KeyError, ValueError):
            raise YamgError(f"{path}: not a training state file (step, epoch, total_steps or optimizer_step "
                            "missing)") from None
        try:
            state.torch_rng = [{k: base64.b64decode(v) if v is not None else None for k, v in r.items()}
                               for r in json.loads(m.get("torch_rng", "[]"))]
        except (ValueError, TypeError, AttributeError):
            state.torch_rng = []  # reseeded instead: the run still resumes, with other dropout masks
        moments = {}
        for name in parameter_names:
            pair = tensors.get(f"adam.m.{name}"), tensors.get(f"adam.v.{name}")
            if pair[0] is None or pair[1] is None:
                raise YamgError(f"{path}: optimizer tensor adam.m.{name} or adam.v.{name} is missing")
            moments[name] = pair
        return state, moments


def capture_rng(device):
    return {"cpu": bytes(torch.get_rng_state().numpy()),
            "cuda": bytes(torch.cuda.get_rng_state(device).numpy()) if device.type == "cuda" else None}


def restore_rng(saved, device):
    torch.set_rng_state(torch.frombuffer(bytearray(saved["cpu"]), dtype=torch.uint8))
    if device.type == "cuda" and saved.get("cuda"):
        torch.cuda.set_rng_state(torch.frombuffer(bytearray(saved["cuda"]), dtype=torch.uint8), device)
