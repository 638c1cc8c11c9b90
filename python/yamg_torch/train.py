"""`torchrun --nproc-per-node N -m yamg_torch.train CORPUS -o RUN`: train a yamg model with PyTorch DDP.

The flags are `yamg train`'s, with its defaults; `--batch` is the global batch (all processes together, as
the model file records it), split evenly over the processes. Without torchrun (`python -m yamg_torch.train`)
it trains in one process. Bad input stops it with one line naming the file or flag, exit status 1."""

import argparse
import gc
import os
import signal
import sys

from . import distributed, plan as plans
from .corpus import Corpus
from .errors import YamgError
from .hyper import ARCHS, SEED_INPUTS

PROG = "yamg_torch.train"


class FoundByRankZero(YamgError):
    """Rank 0's error, which rank 0 reports."""


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parser():
    p = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0])
    p.add_argument("corpus", help="the corpus folder (made by yamg preprocess)")
    p.add_argument("-o", "--output", required=True, help="the run folder")
    p.add_argument("--arch", choices=ARCHS, help="lstm (default) or seed (the original Conv1D/Dense network)")
    p.add_argument("--embed", type=positive, help="embedding size (lstm 256, seed 32)")
    p.add_argument("--hidden", type=positive, help="LSTM hidden size (512)")
    p.add_argument("--layers", type=positive, help="LSTM layers (2)")
    p.add_argument("--seq-len", type=positive, help="lstm: tokens per training sequence (128); seed: window (40)")
    p.add_argument("--batch", type=positive,
                   help="global batch: rows per optimizer step, all processes together (lstm 32, seed 1024)")
    p.add_argument("--dropout", type=float, help="dropout (lstm 0.1 between layers, seed 0.2)")
    p.add_argument("--lr", type=float, help="peak learning rate (1e-3)")
    p.add_argument("--weight-decay", type=float, help="AdamW weight decay (0)")
    p.add_argument("--clip", type=float, help="clip gradients to this global norm (lstm 1, seed 0 = off)")
    p.add_argument("--warmup", type=int, help="learning-rate warm-up steps (lstm 100)")
    p.add_argument("--seed-input", choices=SEED_INPUTS, help="seed arch: ids through an embedding or as magnitudes")
    p.add_argument("--epochs", type=positive, default=10,
                   help="epochs (one = as many predicted tokens as the training split holds); default 10")
    p.add_argument("--steps", type=positive, help="train this many steps in all instead of --epochs")
    p.add_argument("--eval-every", type=positive, help="also evaluate and save last.safetensors every N steps")
    p.add_argument("--patience", type=positive, help="stop after N epochs without a better validation loss")
    p.add_argument("--eval-batches", type=int, default=100, help="validation batches per evaluation (0: all)")
    p.add_argument("--seed", type=int, default=1, help="random seed (initial weights, window order, dropout)")
    p.add_argument("--resume", action="store_true", help="continue RUN/last.safetensors exactly where it stopped")
    p.add_argument("--from", dest="from_model", metavar="MODEL",
                   help="fine-tune this yamg model file (its shape; a third of its learning rate, 20 warm-up steps)")
    p.add_argument("--stop-at", type=positive, metavar="STEP",
                   help="save and stop when the run reaches this step (--resume continues): a job that does part "
                        "of a run")
    p.add_argument("--threads", type=positive, help="CPU threads per process (default: cores / local processes)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                   help="auto: the GPU of this process's LOCAL_RANK when there is one, else the CPU")
    p.add_argument("--precision", choices=("auto", "fp32", "bf16"), default="auto",
                   help="auto: bf16 autocast on GPUs that have it, else fp32 (weights and files stay fp32)")
    p.add_argument("--log-every", type=positive, default=10, help="loss.csv rows every N steps (10)")
    p.add_argument("--print-seconds", type=float, default=10.0, help="a progress line at most this often (10 s)")
    return p


def check(args):
    if args.dropout is not None and not 0 <= args.dropout < 1:
        raise YamgError(f"--dropout must be in [0, 1), got {args.dropout}")
    if args.lr is not None and not args.lr > 0:
        raise YamgError(f"--lr must be positive, got {args.lr}")
    if args.seq_len is not None and args.arch == "seed" and args.seq_len < 4:
        raise YamgError("--seq-len must be at least 4 for the seed arch")
    if args.eval_batches < 0:
        raise YamgError(f"--eval-batches must be 0 (all) or more, got {args.eval_batches}")
    if args.from_model and args.resume:
        raise YamgError("--from starts a new run and --resume continues one; give one of them")


class StopRequest:
    """SIGINT and SIGTERM (Ctrl-C, torchrun passing one on, SLURM near the time limit) as a flag the loop polls
    while training. More of them change nothing: Ctrl-C under torchrun reaches a process twice (from the terminal
    and from torchrun), and torchrun kills what has not stopped 30 s later anyway."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __enter__(self):
        self.raised = False
        self.previous = [signal.signal(sig, self.handle) for sig in self.SIGNALS]
        return self

    def __exit__(self, *exc):
        for sig, handler in zip(self.SIGNALS, self.previous):
            signal.signal(sig, handler)

    def handle(self, signum, frame):
        self.raised = True

    def __call__(self):
        return self.raised


def train(args, place, say):
    import torch

    from .loop import Trainer

    check(args)
    corpus = Corpus(args.corpus)  # every process reads its own (memory-mapped) copy
    torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // place.local_world))
    distributed.join(place)
    plan = None
    if place.is_main:
        try:
            plan = plans.make(args, corpus)
            if plan.hyper.batch % place.world:
                raise YamgError(f"--batch {plan.hyper.batch} does not split evenly over {place.world} processes; "
                                f"give a multiple of {place.world}")
            os.makedirs(args.output, exist_ok=True)
        except YamgError as e:
            plan = e
    plan = distributed.broadcast_object(plan)
    if isinstance(plan, YamgError):
        raise plan if place.is_main else FoundByRankZero(str(plan))
    length = plan.hyper.seq_len + 1
    if len(corpus.train) < length or len(corpus.val) < length:
        raise YamgError(f"{args.corpus}: the corpus is too small for {length}-token rows (train {len(corpus.train)}, "
                        f"val {len(corpus.val)} tokens); add files or lower --val-fraction")
    trainer = Trainer(args, corpus, plan, place, say)
    h = plan.hyper
    params = sum(p.numel() for p in trainer.module.parameters())
    say(f"training {h.arch} ({params} parameters, vocabulary {len(corpus.vocabulary)}) on {len(corpus.train)} tokens, "
        f"{trainer.steps_per_epoch} steps per epoch, batch {h.batch} = {place.world} process(es) × {trainer.share}, "
        f"{place.device.type} ({'bf16' if trainer.bf16 else 'fp32'}), {torch.get_num_threads()} threads each")
    with StopRequest() as stop:
        summary = trainer.run(stop)
    # DDP's reducer holds the process group and lives in reference cycles: left to the garbage collector it may be
    # freed after the group is destroyed, which aborts the process. It goes first, then the processes wait for
    # one another (rank 0 may still be writing), then the group goes (in main).
    trainer.net = None
    del trainer
    gc.collect()
    distributed.finish()
    if place.is_main:
        if summary.interrupted:
            print(f"stopped at step {summary.steps}; saved {args.output}/last.safetensors — continue with --resume",
                  flush=True)
        else:
            best = "-" if summary.best_val_loss is None else f"{summary.best_val_loss:.4f}"
            print(f"done: {summary.steps} steps; best val loss {best}; models in {args.output}/ (best.safetensors, "
                  "last.safetensors)", flush=True)


def main(argv=None):
    args = parser().parse_args(argv)
    rank0 = os.environ.get("RANK", "0") == "0"

    def say(text):
        if rank0:
            print(text, file=sys.stderr, flush=True)

    try:
        place = distributed.locate(args.device)
        train(args, place, say)
    except YamgError as e:
        # Rank 0 says it once; on other machines their first process says what it found itself (a corpus may be
        # missing there alone).
        if rank0 or (os.environ.get("LOCAL_RANK") == "0" and not isinstance(e, FoundByRankZero)):
            print(f"{PROG}: {e}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        say(f"{PROG}: interrupted")
        return 130
    finally:
        distributed.leave()
    return 0


if __name__ == "__main__":
    sys.exit(main())
