#!/usr/bin/env python3
"""Training speed of the same model on the same corpus: `yamg train` beside yamg_torch under `torchrun`.

    python3 bench/ddp_peers.py CORPUS [--steps 30] [--rounds 2] [--hidden 512 --layers 2 ...]

Each round runs, one after another, `yamg train --threads N`, `torchrun --nproc-per-node N -m yamg_torch.train
--threads 1` (DDP over gloo, the global batch split over the processes) and `python -m yamg_torch.train --threads N`
(one process), each for --steps steps of the default-shaped model (or the shape flags given), and reads tokens/s
from each run's loss.csv (the median of its 10-step windows after the first, which holds the start-up). Prints one
`RESULT {json}` per run and, last, the medians over the rounds with the ratios to yamg.
Runs in the torch venv (python/torch_venv.py), which it makes when needed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python"))
import torch_venv  # noqa: E402  (standard library only)


def window_rates(run):
    """tokens/s of each logged window after the first."""
    lines = (Path(run) / "loss.csv").read_text().splitlines()[1:]
    return [float(line.split(",")[5]) for line in lines][1:]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus")
    p.add_argument("--yamg", default=str(ROOT / ".build" / "release" / "yamg"))
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--procs", type=int, default=2, help="processes for torchrun, threads for the others")
    args, shape = p.parse_known_args()  # shape flags go to both trainers as they are
    python = torch_venv.ensure()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT / "python")}
    common = [args.corpus, "--steps", str(args.steps), "--eval-batches", "1", *shape]
    n = str(args.procs)
    runs = {
        "yamg": lambda out: [args.yamg, "train", *common, "-o", out, "--threads", n],
        "torchrun": lambda out: [str(python.with_name("torchrun")), "--standalone", "--nproc-per-node", n,
                                 "-m", "yamg_torch.train", *common, "-o", out, "--threads", "1"],
        "torch_1proc": lambda out: [str(python), "-m", "yamg_torch.train", *common, "-o", out, "--threads", n],
    }
    rates = {name: [] for name in runs}
    with tempfile.TemporaryDirectory(prefix="ddp-peers-") as tmp:
        for r in range(args.rounds):
            for name, cmd in runs.items():
                out = f"{tmp}/{name}-{r}"
                proc = subprocess.run(cmd(out), capture_output=True, text=True, env=env)
                if proc.returncode != 0:
                    sys.exit(f"{name} failed:\n{proc.stderr[-2000:]}")
                rate = statistics.median(window_rates(out))
                rates[name].append(rate)
                print("RESULT " + json.dumps({"trainer": name, "round": r + 1, "tokens_per_s": round(rate),
                                              "procs_or_threads": args.procs, "steps": args.steps}), flush=True)
    medians = {name: statistics.median(v) for name, v in rates.items()}
    print("RESULT " + json.dumps({
        **{f"{name}_tokens_per_s": round(v) for name, v in medians.items()},
        "torchrun_over_yamg": round(medians["torchrun"] / medians["yamg"], 3),
        "torch_1proc_over_yamg": round(medians["torch_1proc"] / medians["yamg"], 3),
        "rounds": args.rounds}))


if __name__ == "__main__":
    main()
