"""yamg model files (Sources/Models/ModelFile.swift): safetensors with PyTorch's tensor names, float32 weights
(float16 or bfloat16 ones are read too: `yamg export --half` writes float16), and in `__metadata__` everything
that `yamg eval`, `generate` and `perform` need — format version, arch and hyper-parameters, the encoding and
the full vocabulary, and where training stood (step, epoch, train and val loss)."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_bytes, save as save_bytes

from .errors import YamgError
from .hyper import Hyper

FORMAT_VERSION = 1
CREATED_BY = "yamg_torch"


@dataclass
class ModelFile:
    hyper: Hyper
    encoding: dict
    vocabulary: list
    step: int = 0
    epoch: int = 0
    train_loss: float | None = None
    val_loss: float | None = None

    def metadata(self):
        def compact(value):
            return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        m = {"format_version": str(FORMAT_VERSION), "arch": self.hyper.arch, "hyper": self.hyper.to_json(),
             "encoding": compact(self.encoding), "vocabulary": compact(self.vocabulary), "step": str(self.step),
             "epoch": str(self.epoch), "created_by": CREATED_BY}
        if self.train_loss is not None:
            m["train_loss"] = repr(float(self.train_loss))
        if self.val_loss is not None:
            m["val_loss"] = repr(float(self.val_loss))
        return m

    def save(self, model, path):
        """Writes the model's weights (float32) with this metadata, atomically."""
        tensors = {name: t.detach().to("cpu", torch.float32).contiguous() for name, t in model.state_dict().items()}
        write_atomically(path, save_bytes(tensors, metadata=self.metadata()))


def write_atomically(path, data):
    """A temporary file beside `path`, flushed to disk, then renamed over it: a kill at any moment leaves the
    previous file whole (as Basics.AtomicFile does)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def read_safetensors(path):
    """(tensors, metadata) of a safetensors file; YamgError naming the file when it is not one."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise YamgError(f"{path}: cannot read the file ({e.strerror or e})") from None
    try:
        tensors = load_bytes(data)
        header_length = int.from_bytes(data[:8], "little")
        metadata = json.loads(data[8:8 + header_length]).get("__metadata__") or {}
    except (SafetensorError, ValueError) as e:
        raise YamgError(f"{path}: not a safetensors file ({str(e).splitlines()[0]})") from None
    return tensors, metadata


def load(path):
    """(ModelFile, float32 state dict) of a yamg model file; YamgError naming the file and what is wrong."""
    tensors, m = read_safetensors(path)
    if "format_version" not in m:
        raise YamgError(f"{path}: not a YAMG model (no format_version in its metadata)")
    if m["format_version"] != str(FORMAT_VERSION):
        raise YamgError(f"{path}: model format version {m['format_version']}; this trainer reads version "
                        f"{FORMAT_VERSION}")
    try:
        hyper = Hyper.from_json(m.get("hyper", ""))
    except YamgError as e:
        raise YamgError(f"{path}: {e}") from None
    parsed = {}
    for key in ("encoding", "vocabulary"):
        try:
            parsed[key] = json.loads(m[key])
        except (KeyError, ValueError):
            raise YamgError(f"{path}: metadata '{key}' is missing or malformed") from None
    if not isinstance(parsed["encoding"], dict) or not isinstance(parsed["vocabulary"], list):
        raise YamgError(f"{path}: metadata 'encoding' or 'vocabulary' is malformed")

    def number(key, kind):
        try:
            return kind(m[key])
        except (KeyError, ValueError):
            return None
    file = ModelFile(hyper, parsed["encoding"], parsed["vocabulary"], step=number("step", int) or 0,
                     epoch=number("epoch", int) or 0, train_loss=number("train_loss", float),
                     val_loss=number("val_loss", float))
    return file, {name: t.to(torch.float32) for name, t in tensors.items()}


def check_tensors(path, state, model, arch):
    """Every tensor `model` has is in `state` with its shape (what `yamg` checks on loading)."""
    for name, t in model.state_dict().items():
        if name not in state:
            raise YamgError(f"{path}: tensor {name} is missing")
        if tuple(state[name].shape) != tuple(t.shape):
            raise YamgError(f"{path}: tensor {name} has shape {list(state[name].shape)}, the {arch} arch needs "
                            f"{list(t.shape)}")
