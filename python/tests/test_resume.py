"""A run stopped and resumed is the run that was never stopped: the same weights, optimizer moments and log,
with dropout on (so every process's random state must come back too); and Ctrl-C saves before it stops."""

import signal
import subprocess
import sys
import time

import pytest

from conftest import DDP_RUN, ENV, TINY, TORCHRUN, max_difference, metadata, tensors, train


def test_stop_and_resume_equals_an_uninterrupted_run(corpus, ddp_run, tmp_path):
    straight = ddp_run[0]
    common = [corpus, *DDP_RUN]
    out = train(*common, "-o", tmp_path / "split", "--stop-at", "6", nproc=2)
    assert "stopped at step 6" in out.stdout
    assert tensors(tmp_path / "split" / "last.safetensors") != {}
    out = train(*common, "-o", tmp_path / "split", "--resume", nproc=2)
    assert "resuming at step 6 of 10" in out.stderr and "done: 10 steps" in out.stdout
    for name in ("last.safetensors", "last.state.safetensors", "best.safetensors"):
        assert max_difference(tensors(straight / name), tensors(tmp_path / "split" / name)) == 0, name
    # The log's step, epoch, validation loss and learning rate (a resumed run's first training-loss window
    # starts at the resume, as yamg's does).
    def columns(run):
        lines = (run / "loss.csv").read_text().splitlines()
        return [[f[0], f[1], f[3], f[4]] for f in (line.split(",") for line in lines)]
    assert columns(straight) == columns(tmp_path / "split")
    assert len(columns(straight)) == 4  # the header; steps 4 and 8 (evaluations), 10 (both)


@pytest.mark.parametrize("launcher, sig", [("python", signal.SIGINT), ("torchrun", signal.SIGTERM)])
def test_a_signal_saves_the_run_and_resume_continues_it(corpus, tmp_path, launcher, sig):
    """Ctrl-C to the trainer alone, or SIGTERM to torchrun (as SLURM sends near a time limit), which passes it on."""
    run = tmp_path / "run"
    start = [sys.executable, "-m", "yamg_torch.train"] if launcher == "python" else \
        [TORCHRUN, "--standalone", "--nproc-per-node", "2", "-m", "yamg_torch.train"]
    proc = subprocess.Popen([*start, corpus, "-o", run, *TINY, "--steps", "100000", "--log-every", "1",
                             "--print-seconds", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 120
    for line in proc.stderr:  # the first progress line: training is under way
        if line.startswith("step ") or time.monotonic() > deadline:
            break
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    assert "stopped at step" in stdout, stderr
    if launcher == "python":
        assert proc.returncode == 0 and "Traceback" not in stderr, stderr
    stopped = int(stdout.split("stopped at step ")[1].split(";")[0])
    assert 1 <= stopped < 100000
    assert metadata(run / "last.safetensors")["step"] == str(stopped)
    out = train(corpus, "-o", run, "--resume", "--stop-at", str(stopped + 2), "--threads", "1")
    assert f"resuming at step {stopped} of 100000" in out.stderr and f"stopped at step {stopped + 2}" in out.stdout
    if launcher == "torchrun":  # saved by two processes, resumed by one
        assert "dropout masks are drawn afresh" in out.stderr
