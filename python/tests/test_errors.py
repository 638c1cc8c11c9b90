"""Bad input stops the trainer with one line that names the file or flag and what is wrong: never a traceback."""

import shutil

import pytest

from conftest import DEFAULT_MODEL, TINY, train


def one_line_error(*args, nproc=None):
    out = train(*args, nproc=nproc, check=False)
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1 and len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert lines[0].startswith("yamg_torch.train: ")
    return lines[0]


def test_a_model_of_the_other_encoding(combination_corpora, tmp_path):
    # As a process of its own: what a user sees, all of it.
    line = one_line_error(combination_corpora[0], "-o", tmp_path / "run", "--from", DEFAULT_MODEL, nproc=1)
    assert f"--from {DEFAULT_MODEL}: it was trained on the performance encoding, the corpus uses combination" in line


def test_a_model_of_another_vocabulary(combination_corpora, tmp_path):
    a, b = combination_corpora
    train(a, "-o", tmp_path / "a", *TINY, "--steps", "1")
    model = tmp_path / "a" / "best.safetensors"
    line = one_line_error(b, "-o", tmp_path / "b", "--from", model)
    assert f"--from {model}: its vocabulary (" in line and "fine-tuning needs the same tokens" in line


def test_a_shape_flag_against_the_from_model(corpus, tmp_path):
    line = one_line_error(corpus, "-o", tmp_path / "run", "--from", DEFAULT_MODEL, "--hidden", "64")
    assert "--hidden 64: the --from model has hidden 512" in line


@pytest.mark.parametrize("damage, expected", [
    ("truncate train.npy", "train.npy: not a readable .npy token file"),
    ("garble corpus.json", "corpus.json: not a valid corpus manifest"),
    ("remove val.npy", "val.npy: missing"),
    ("token out of range", "train.npy: token 999 at index 5 is outside the vocabulary of 390"),
])
def test_a_damaged_corpus(corpus, tmp_path, damage, expected):
    bad = tmp_path / "corpus"
    shutil.copytree(corpus, bad)
    if damage == "truncate train.npy":
        data = (bad / "train.npy").read_bytes()
        (bad / "train.npy").write_bytes(data[:len(data) // 2])
    elif damage == "garble corpus.json":
        (bad / "corpus.json").write_text('{"format_version": 1, "vocabulary": [')
    elif damage == "remove val.npy":
        (bad / "val.npy").unlink()
    else:
        import numpy as np
        tokens = np.load(bad / "train.npy")
        tokens[5] = 999
        np.save(bad / "train.npy", tokens)
    line = one_line_error(bad, "-o", tmp_path / "run", *TINY)
    assert f"{bad}/{expected}" in line


def test_a_run_folder_that_holds_a_run(corpus, tmp_path):
    train(corpus, "-o", tmp_path / "run", *TINY, "--steps", "1")
    line = one_line_error(corpus, "-o", tmp_path / "run", *TINY)
    assert "already holds a training run (last.safetensors); continue it with --resume" in line
