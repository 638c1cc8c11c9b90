"""Hyper-parameters as yamg keeps them (Sources/Models/Hyperparameters.swift, NeuralNet/AdamW.swift's Settings):
the same fields, defaults and fine-tuning schedule, and the same snake_case JSON in a model file's `hyper`."""

import json
from dataclasses import asdict, dataclass, field, fields, replace

from .errors import YamgError


@dataclass
class Optimizer:
    learning_rate: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    weight_decay: float = 0.0
    # Gradients are scaled so their global L2 norm is at most this (0: no clipping).
    clip_norm: float = 1.0
    warmup_steps: int = 0
    # Kept 0 in files, as yamg keeps it; a run's length lives in its training state.
    total_steps: int = 0
    min_factor: float = 0.1


@dataclass
class Hyper:
    arch: str  # "lstm" or "seed"
    embed: int
    hidden: int
    layers: int
    # lstm: tokens per training sequence; seed: the window length.
    seq_len: int
    # The batch of one optimizer step: all processes together.
    batch: int
    dropout: float
    seed_input: str  # seed arch: "embedding" or "magnitude"
    optimizer: Optimizer = field(default_factory=Optimizer)

    @property
    def shape(self):
        """The architecture's fields: what must agree between a model file and a run that starts from it."""
        return {"arch": self.arch, "embed": str(self.embed), "hidden": str(self.hidden), "layers": str(self.layers),
                "seed input": self.seed_input}

    def to_json(self):
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @staticmethod
    def from_json(text):
        """The `hyper` of a model file; raises YamgError (without a path: the caller adds it)."""
        try:
            data = json.loads(text)
            names = {f.name for f in fields(Hyper)} - {"optimizer"}
            optimizer = Optimizer(**{f.name: data["optimizer"][f.name] for f in fields(Optimizer)})
            return Hyper(**{name: data[name] for name in names}, optimizer=optimizer)
        except (ValueError, KeyError, TypeError) as e:
            raise YamgError(f"metadata 'hyper' is missing or malformed ({type(e).__name__}: {e})") from None


ARCHS = ("lstm", "seed")
SEED_INPUTS = ("embedding", "magnitude")


def defaults(arch):
    if arch == "lstm":
        return Hyper("lstm", embed=256, hidden=512, layers=2, seq_len=128, batch=32, dropout=0.1,
                     seed_input="embedding", optimizer=Optimizer(warmup_steps=100))
    # The original trained with plain Adam 1e-3: no clipping.
    return Hyper("seed", embed=32, hidden=0, layers=0, seq_len=40, batch=1024, dropout=0.2,
                 seed_input="embedding", optimizer=Optimizer(clip_norm=0.0))


def fine_tuning(base):
    """Fine-tuning a trained model (`--from`): its shape, sequence length, batch and dropout, with a gentler
    schedule — a third of its peak learning rate and at most 20 warm-up steps — as `yamg train --from` does."""
    optimizer = replace(base.optimizer, learning_rate=base.optimizer.learning_rate / 3,
                        warmup_steps=min(base.optimizer.warmup_steps, 20))
    return replace(base, optimizer=optimizer)
