"""Which training windows each process reads at each step.

A window is a row of `seq_len + 1` tokens of the memory-mapped training split. Per epoch the windows start
`stride` tokens apart (the lstm's sequence length, so each token is a target once; 1 for the seed network's
windows) from an offset drawn for that epoch, and are shuffled; step `i` of the epoch takes the next `batch`
of them — the global batch — and process `r` of `world` its `r`-th slice. So the processes never share a
window, and everything depends only on the seed, the step and the global batch: two processes with half the
batch each read exactly what one process with the whole batch reads, and a resumed run continues the order.
"""

import numpy as np


class WindowSampler:
    def __init__(self, tokens, row_length, stride, batch, seed):
        self.tokens = tokens
        self.row_length = row_length
        self.stride = stride
        self.batch = batch
        self.seed = seed
        starts = len(tokens) - row_length + 1  # positions a row can start at
        assert starts >= 1, "the caller checks the split holds one row"
        self.windows = max(1, starts // stride)
        slack = starts - (self.windows - 1) * stride
        self.offsets = max(1, min(stride, slack))
        self._epoch, self._starts = None, None

    def epoch_starts(self, epoch):
        """The shuffled window starts of `epoch` (the same on every process)."""
        if epoch != self._epoch:
            rng = np.random.default_rng([self.seed, epoch])
            offset = int(rng.integers(self.offsets))
            self._starts = offset + rng.permutation(self.windows).astype(np.int64) * self.stride
            self._epoch = epoch
        return self._starts

    def rows(self, step, steps_per_epoch, rank, world):
        """This process's rows of `step`: [batch / world, row_length] int64. An epoch with fewer windows than
        its steps need (a tiny corpus) wraps around to its first ones."""
        epoch, i = divmod(step, steps_per_epoch)
        starts = self.epoch_starts(epoch)
        share = self.batch // world
        picks = (i * self.batch + rank * share + np.arange(share)) % self.windows
        index = starts[picks][:, None] + np.arange(self.row_length)
        return np.asarray(self.tokens[index], dtype=np.int64)
