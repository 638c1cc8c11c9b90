"""Data parallelism changes nothing but the speed: the processes share the windows of a step without overlap,
and two gloo processes with half the batch each train the very weights one process with the whole batch does."""

import numpy as np

from conftest import TINY, max_difference, tensors, train
from yamg_torch.sampler import WindowSampler


def test_ranks_split_the_global_batch_without_overlap():
    tokens = np.arange(5000, dtype=np.uint16)
    checked = 0
    for stride, length in ((16, 17), (1, 41)):  # lstm rows, seed windows
        sampler = WindowSampler(tokens, length, stride, batch=8, seed=3)
        steps_per_epoch = 4
        for step in range(12):  # three epochs: offsets and orders change
            whole = sampler.rows(step, steps_per_epoch, rank=0, world=1)
            halves = [sampler.rows(step, steps_per_epoch, rank=r, world=2) for r in range(2)]
            quarters = [sampler.rows(step, steps_per_epoch, rank=r, world=4) for r in range(4)]
            assert np.array_equal(whole, np.concatenate(halves))
            assert np.array_equal(whole, np.concatenate(quarters))
            starts = whole[:, 0]
            assert len(set(starts.tolist())) == len(starts), "two rows of one step share a window"
            assert np.all(np.diff(whole, axis=1) == 1), "a row is not a contiguous stretch"
            assert starts.max() + length <= len(tokens)
            assert np.all((starts - starts[0]) % stride == 0), "windows are not on the epoch's grid"
            checked += 1
        # An epoch's steps never repeat a window.
        epoch = np.concatenate([sampler.rows(s, steps_per_epoch, 0, 1)[:, 0] for s in range(steps_per_epoch)])
        assert len(set(epoch.tolist())) == len(epoch)
    assert checked == 24


def test_two_processes_train_what_one_process_with_the_combined_batch_does(corpus, tmp_path):
    common = [corpus, *TINY, "--dropout", "0", "--steps", "4", "--eval-every", "4", "--seed", "5"]
    train(*common, "-o", tmp_path / "one")
    two = train(*common, "-o", tmp_path / "two", nproc=2)
    assert "batch 8 = 2 process(es) × 4" in two.stderr
    one_weights = tensors(tmp_path / "one" / "last.safetensors")
    two_weights = tensors(tmp_path / "two" / "last.safetensors")
    assert max_difference(one_weights, two_weights) < 1e-5
    # It trained: four steps moved the weights away from where both started.
    import torch
    from yamg_torch import hyper, models
    h = hyper.defaults("lstm")
    h.embed, h.hidden, h.seq_len = 16, 32, 16
    torch.manual_seed(5)
    start = models.build(h, len(one_weights["head.bias"])).state_dict()
    assert max_difference(one_weights, start) > 1e-3
