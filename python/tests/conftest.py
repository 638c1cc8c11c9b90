"""What the yamg_torch tests share: the yamg binary, small real corpora made by `yamg preprocess` from the shared
Bach chorales, and runners for the trainer — in one process (`python -m`) or in two under `torchrun` (gloo) —
and for yamg. Every process gets one thread: the machine has two cores and other work on them."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from yamg_torch.train import main

ROOT = Path(__file__).resolve().parents[2]
YAMG = Path(os.environ.get("YAMG", ROOT / ".build" / "release" / "yamg"))
BACH = ROOT.parent / "shared" / "data" / "piano" / "bach"
DEFAULT_MODEL = ROOT / "models" / "default.safetensors"
TORCHRUN = Path(sys.executable).with_name("torchrun")
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT / "python")}
# A model small enough to train a few steps in well under a second.
TINY = ["--embed", "16", "--hidden", "32", "--layers", "2", "--seq-len", "16", "--batch", "8", "--warmup", "2",
        "--eval-batches", "4", "--threads", "1"]


def run(cmd, timeout=300, check=True):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=ENV, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def train(*args, nproc=None, check=True):
    """The trainer on `args`: called in this process (quick: torch is imported already), or as `python -m` in
    one process of its own (`nproc=1`), or as `nproc` torchrun processes."""
    if nproc is None:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
        proc = subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
        if check and code != 0:
            raise AssertionError(f"yamg_torch.train {' '.join(map(str, args))} returned {code}\n{proc.stderr}")
        return proc
    if nproc == 1:
        cmd = [sys.executable, "-m", "yamg_torch.train"]
    else:
        cmd = [TORCHRUN, "--standalone", "--nproc-per-node", str(nproc), "-m", "yamg_torch.train"]
    return run(cmd + list(args), check=check)


def yamg(*args, check=True):
    if not YAMG.exists():
        pytest.fail(f"{YAMG} is not built (swift build -c release --product yamg, or make test)")
    return run([YAMG, *args], check=check)


def tensors(path):
    from safetensors.torch import load_file
    return load_file(str(path))


def metadata(path):
    data = Path(path).read_bytes()
    return json.loads(data[8:8 + int.from_bytes(data[:8], "little")])["__metadata__"]


def max_difference(a, b):
    assert a.keys() == b.keys()
    return max((a[k].double() - b[k].double()).abs().max().item() for k in a)


def preprocess(out, files, *extra):
    """A corpus from `files` of the Bach chorales (copied into a folder of their own first)."""
    if not BACH.is_dir():
        pytest.fail(f"{BACH} is missing: the shared data is needed beside the repository")
    source = out.parent / f"{out.name}-midi"
    source.mkdir()
    for f in files:
        shutil.copy(f, source)
    yamg("preprocess", source, "-o", out, *extra)
    return out


@pytest.fixture(scope="session")
def chorales():
    files = sorted(BACH.glob("*.mid"))
    assert len(files) >= 60, f"expected the 310 chorales in {BACH}, found {len(files)}"
    return files


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, chorales):
    """A performance-encoding corpus of 40 chorales (about 40 k training tokens)."""
    return preprocess(tmp_path_factory.mktemp("perf") / "corpus", chorales[:40])


@pytest.fixture(scope="session")
def combination_corpora(tmp_path_factory, chorales):
    """Two combination-encoding corpora of different chorales, so of different vocabularies."""
    base = tmp_path_factory.mktemp("comb")
    return (preprocess(base / "a", chorales[40:60], "--encoding", "combination"),
            preprocess(base / "b", chorales[60:80], "--encoding", "combination"))


# The run that the resume test splits in two and the file tests hand to yamg: dropout on, so resuming must bring
# back every process's random state.
DDP_RUN = [*TINY, "--dropout", "0.2", "--steps", "10", "--eval-every", "4"]


@pytest.fixture(scope="session")
def ddp_run(tmp_path_factory, corpus):
    """DDP_RUN trained by two torchrun processes: (run folder, its output)."""
    run = tmp_path_factory.mktemp("ddp") / "run"
    return run, train(corpus, "-o", run, *DDP_RUN, nproc=2)


@pytest.fixture(autouse=True)
def one_thread():
    torch.set_num_threads(1)
