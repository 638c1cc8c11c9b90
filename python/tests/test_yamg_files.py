"""yamg model files at both ends: what trains under torchrun loads in `yamg eval` with the validation loss the
trainer recorded and plays in `yamg generate`; yamg's own models (the default one included) fine-tune here and go
back the same way; and a run stopped here continues under `yamg train --resume`."""

import json

import pytest

from conftest import DEFAULT_MODEL, TINY, metadata, train, yamg


def assert_yamg_reads(model, corpus, eval_batches, tmp_path):
    """yamg eval's loss equals the recorded one (|Δ| < 1e-4 nats/token) and yamg generate plays the model."""
    recorded = float(metadata(model)["val_loss"])
    out = yamg("eval", model, corpus, "--max-batches", str(eval_batches), "--json", "--threads", "1")
    loss = json.loads(out.stdout.strip().splitlines()[-1])["loss"]
    assert abs(loss - recorded) < 1e-4, (loss, recorded)
    midi = tmp_path / f"{model.parent.name}.mid"
    out = yamg("generate", model, "-o", midi, "--seconds", "5", "--seed", "2")
    info = yamg("midi", "info", midi).stdout
    assert midi.stat().st_size > 100 and "notes" in info, out.stdout + info
    return loss


def test_a_torchrun_model_is_a_yamg_model(corpus, ddp_run, tmp_path):
    run, out = ddp_run
    assert "done: 10 steps" in out.stdout and "batch 8 = 2 process(es) × 4" in out.stderr
    model = run / "best.safetensors"
    m = metadata(model)
    # The metadata yamg writes, key for key.
    assert set(m) == set(metadata(DEFAULT_MODEL))
    assert m["format_version"] == "1" and m["arch"] == "lstm"
    assert json.loads(m["hyper"])["batch"] == 8 and json.loads(m["hyper"])["hidden"] == 32
    assert json.loads(m["vocabulary"]) == json.loads((corpus / "corpus.json").read_text())["vocabulary"]
    assert (run / "last.state.safetensors").exists() and (run / "loss.csv").read_text().startswith("step,epoch")
    assert_yamg_reads(model, corpus, 4, tmp_path)


def test_yamg_models_fine_tune_here_and_go_back(corpus, tmp_path):
    base = tmp_path / "yamg-run"
    yamg("train", corpus, "-o", base, "--steps", "4", "--embed", "16", "--hidden", "32", "--seq-len", "16",
         "--batch", "8", "--threads", "1", "--eval-batches", "4")
    tuned = tmp_path / "tuned"
    out = train(corpus, "-o", tuned, "--from", base / "best.safetensors", "--steps", "3", "--eval-batches", "4",
                "--threads", "1")
    assert "done: 3 steps" in out.stdout
    # The fine-tuning schedule yamg's --from uses: a third of the learning rate, at most 20 warm-up steps.
    h = json.loads(metadata(tuned / "best.safetensors")["hyper"])
    assert abs(h["optimizer"]["learning_rate"] - 1e-3 / 3) < 1e-9 and h["optimizer"]["warmup_steps"] == 20
    assert_yamg_reads(tuned / "best.safetensors", corpus, 4, tmp_path)

    # The shipped default model (float16 in its file) too.
    default = tmp_path / "default-tuned"
    train(corpus, "-o", default, "--from", DEFAULT_MODEL, "--steps", "1", "--batch", "2", "--eval-batches", "1",
          "--threads", "1")
    assert json.loads(metadata(default / "best.safetensors")["hyper"])["hidden"] == 512
    assert_yamg_reads(default / "best.safetensors", corpus, 1, tmp_path)


def test_yamg_train_resumes_a_run_made_here(corpus, tmp_path):
    run = tmp_path / "run"
    out = train(corpus, "-o", run, *TINY, "--steps", "6", "--stop-at", "3")
    assert "stopped at step 3" in out.stdout
    out = yamg("train", corpus, "-o", run, "--resume", "--threads", "1", "--eval-batches", "4")
    assert "resuming at step 3 of 6" in out.stdout + out.stderr and "done: 6 steps" in out.stdout
    assert metadata(run / "last.safetensors")["step"] == "6"


@pytest.mark.parametrize("seed_input", ["embedding", "magnitude"])
def test_the_seed_arch_is_a_yamg_model_too(corpus, tmp_path, seed_input):
    run = tmp_path / seed_input
    train(corpus, "-o", run, "--arch", "seed", "--seed-input", seed_input, "--embed", "8", "--batch", "16",
          "--steps", "3", "--eval-batches", "4", "--threads", "1")
    assert metadata(run / "best.safetensors")["arch"] == "seed"
    assert_yamg_reads(run / "best.safetensors", corpus, 4, tmp_path)
