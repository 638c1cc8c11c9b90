"""How a run starts, decided on rank 0 and sent to the others (only rank 0 needs the run folder and the --from
file, so nothing here assumes a file system shared between machines): fresh from the flags, fine-tuning a model
file (`--from`, as `yamg train --from`), or continuing the run folder (`--resume`, as `yamg train --resume`)."""

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import hyper as hyperparameters
from . import modelfile
from .errors import YamgError
from .lossfile import read_rows
from .state import TrainingState, state_path


@dataclass
class Plan:
    hyper: hyperparameters.Hyper
    file: modelfile.ModelFile  # the metadata the run's model files get
    weights: dict | None = None  # float32 state dict to start from (None: fresh weights)
    state: TrainingState | None = None  # with --resume
    moments: dict | None = None  # with --resume: {name: (m, v)}
    seed: int = 1
    log_rows: list = field(default_factory=list)


def flags_over(base, args):
    """The shape and optimizer flags the user gave, over `base`."""
    h = replace(base, optimizer=replace(base.optimizer))
    for name in ("arch", "embed", "hidden", "layers", "seq_len", "batch", "dropout", "seed_input"):
        if getattr(args, name) is not None:
            setattr(h, name, getattr(args, name))
    for flag, name in (("lr", "learning_rate"), ("weight_decay", "weight_decay"), ("clip", "clip_norm"),
                       ("warmup", "warmup_steps")):
        if getattr(args, flag) is not None:
            setattr(h.optimizer, name, getattr(args, flag))
    return h


def check_same_language(path, file, corpus):
    """A model and a corpus that can train together (Trainer+From.swift's checks, its words)."""
    if file.encoding.get("kind") != corpus.encoding.get("kind"):
        raise YamgError(f"{path}: it was trained on the {file.encoding.get('kind')} encoding, the corpus uses "
                        f"{corpus.encoding.get('kind')}; fine-tune on a corpus preprocessed with --encoding "
                        f"{file.encoding.get('kind')}")
    if file.encoding != corpus.encoding:
        raise YamgError(f"{path}: its encoding parameters differ from the corpus's; preprocess with the model's "
                        "settings")
    if file.vocabulary != corpus.vocabulary:
        raise YamgError(f"{path}: its vocabulary ({len(file.vocabulary)} tokens) differs from the corpus's "
                        f"({len(corpus.vocabulary)}); fine-tuning needs the same tokens")


def make(args, corpus):
    run = Path(args.output)
    last = run / "last.safetensors"
    if not args.resume and last.exists():
        raise YamgError(f"{args.output} already holds a training run (last.safetensors); continue it with --resume, "
                        "or train into another folder")
    if args.resume:
        return resume(args, corpus, last)
    if args.from_model:
        try:
            base, weights = modelfile.load(args.from_model)
            check_same_language(args.from_model, base, corpus)
        except YamgError as e:
            raise YamgError(f"--from {e}") from None
        h = flags_over(hyperparameters.fine_tuning(base.hyper), args)
        for key, value in h.shape.items():
            if base.hyper.shape[key] != value:
                raise YamgError(f"--{key.replace(' ', '-')} {value}: the --from model has {key} "
                                f"{base.hyper.shape[key]}")
        file = modelfile.ModelFile(h, corpus.encoding, corpus.vocabulary)
        return Plan(h, file, weights=weights, seed=args.seed)
    h = flags_over(hyperparameters.defaults(args.arch or "lstm"), args)
    return Plan(h, modelfile.ModelFile(h, corpus.encoding, corpus.vocabulary), seed=args.seed)


def resume(args, corpus, last):
    if not last.exists():
        raise YamgError(f"{last}: cannot read the file (missing; --resume continues a run folder)")
    file, weights = modelfile.load(last)
    if file.vocabulary != corpus.vocabulary:
        raise YamgError(f"{last}: its vocabulary ({len(file.vocabulary)} tokens) differs from the corpus's "
                        f"({len(corpus.vocabulary)}); resume with the corpus it was trained on")
    if args.arch is not None and file.hyper.arch != args.arch:
        raise YamgError(f"{last}: it is a {file.hyper.arch} model, not {args.arch}")
    state, moments = TrainingState.load(state_path(last), list(weights))
    # The seed fixes the order of the windows for the whole run: the run's own, not the flag's default.
    seed = state.seed if state.seed is not None else args.seed
    return Plan(file.hyper, file, weights=weights, state=state, moments=moments, seed=seed,
                log_rows=read_rows(Path(args.output) / "loss.csv", state.step))
