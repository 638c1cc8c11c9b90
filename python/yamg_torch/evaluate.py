"""Validation loss, as `yamg eval` computes it (Sources/Models/Evaluation.swift), shared out over the processes.

Windows of `seq_len + 1` tokens start every `stride` tokens (seq_len for the lstm, 1 for the seed network); batches
are consecutive groups of `hyper.batch` windows, a partial last one dropped, the first `max_batches` of them
(None: all). The processes take turns at chunks of those windows and add up loss, correct guesses and positions,
so the number is yamg's whatever the process count. Float32 without autocast or TF32: the same arithmetic as
yamg's, to 1e-4 nats and better."""

import numpy as np
import torch
import torch.nn.functional as F

from .models import positions_per_row


def windows(tokens, hyper, max_batches):
    """The start of every window the evaluation covers."""
    stride = positions_per_row(hyper)
    length = hyper.seq_len + 1
    count = (len(tokens) - length) // stride + 1 if len(tokens) >= length else 0
    batches = count // hyper.batch
    if max_batches is not None:
        batches = min(batches, max_batches)
    return np.arange(batches * hyper.batch, dtype=np.int64) * stride


@torch.no_grad()
def evaluate(model, tokens, hyper, max_batches, device, chunk, rank=0, world=1, reduce=None):
    """(mean loss per token, top-1 accuracy, positions); `reduce` adds a float64 tensor up over processes."""
    was_training = model.training
    model.eval()
    starts = windows(tokens, hyper, max_batches)
    length = hyper.seq_len + 1
    sums = torch.zeros(3, dtype=torch.float64, device=device)  # loss, correct, positions
    cudnn = torch.backends.cudnn.flags(enabled=True, allow_tf32=False)
    with cudnn:
        for k, first in enumerate(range(0, len(starts), chunk)):
            if k % world != rank:
                continue
            index = starts[first:first + chunk, None] + np.arange(length)
            rows = torch.from_numpy(np.asarray(tokens[index], dtype=np.int64)).to(device)
            inputs, targets = model.inputs_targets(rows)
            logits = model(inputs).float()
            losses = F.cross_entropy(logits, targets, reduction="none")
            sums += torch.stack([losses.double().sum(), (logits.argmax(1) == targets).sum().double(),
                                 torch.tensor(float(targets.numel()), dtype=torch.float64, device=device)])
    if reduce is not None:
        reduce(sums)
    model.train(was_training)
    loss, correct, positions = sums.tolist()
    if positions == 0:
        return float("nan"), float("nan"), 0
    return loss / positions, correct / positions, int(positions)
