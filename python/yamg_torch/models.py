"""yamg's two architectures as torch modules. Attribute names are the tensor names of a yamg model file
(Sources/Models/LSTMModel.swift, SeedModel.swift), so a file's tensors load with `load_state_dict` as they are.

Both take rows of `seq_len + 1` tokens: the lstm predicts every next token of a row, the seed network only the
last. `inputs_targets` splits rows that way and `forward` returns logits [positions, V] in the same order."""

import torch
from torch import nn
import torch.nn.functional as F


class LSTMModel(nn.Module):
    """Embedding(V, E) → LSTM(H) × layers (dropout between layers, as torch.nn.LSTM places it) → Linear(H, V)."""

    def __init__(self, vocab, embed, hidden, layers, dropout=0.0):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, num_layers=layers, batch_first=True,
                            dropout=dropout if layers > 1 else 0.0)
        self.head = nn.Linear(hidden, vocab)

    @staticmethod
    def inputs_targets(rows):
        return rows[:, :-1], rows[:, 1:].reshape(-1)

    def forward(self, tokens):  # [B, T] → [B·T, V]
        if tokens.is_cuda:
            self.lstm.flatten_parameters()  # cuDNN wants one weight block; DDP's broadcast may have split it
        out, _ = self.lstm(self.embedding(tokens))
        return self.head(out).reshape(-1, self.head.out_features)


def hard_sigmoid(x):
    # Keras' hard_sigmoid as the original network had it, not torch's x/6 + 1/2.
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


class SeedModel(nn.Module):
    """The original Keras network: a window of ids → Conv1D(64, kernel 4, valid) + hard_sigmoid → flatten →
    Dense(128) + LeakyReLU(0.3) → Dense(256) + x·hard_sigmoid(x) → Dropout → Dense(V). Ids enter through an
    embedding or, as the original did, as magnitudes id / (V − 1)."""

    FILTERS, KERNEL, DENSE1, DENSE2 = 64, 4, 128, 256

    def __init__(self, vocab, window, embed, dropout=0.2, seed_input="embedding"):
        super().__init__()
        self.vocab = vocab
        self.embedding = nn.Embedding(vocab, embed) if seed_input == "embedding" else None
        channels = embed if self.embedding is not None else 1
        self.conv = nn.Conv1d(channels, self.FILTERS, self.KERNEL)
        self.dense1 = nn.Linear(self.FILTERS * (window - self.KERNEL + 1), self.DENSE1)
        self.dense2 = nn.Linear(self.DENSE1, self.DENSE2)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(self.DENSE2, vocab)

    @staticmethod
    def inputs_targets(rows):
        return rows[:, :-1], rows[:, -1]

    def forward(self, tokens):  # [B, W] → [B, V]
        if self.embedding is not None:
            x = self.embedding(tokens).transpose(1, 2)  # [B, E, W]: channels first
        else:
            x = (tokens.float() * (1 / max(1, self.vocab - 1))).unsqueeze(1)
        x = hard_sigmoid(self.conv(x)).flatten(1)  # [B, filters · positions], PyTorch's order
        x = F.leaky_relu(self.dense1(x), 0.3)
        x = self.dense2(x)
        x = x * hard_sigmoid(x)
        return self.head(self.dropout(x))


def build(hyper, vocab):
    if hyper.arch == "lstm":
        return LSTMModel(vocab, hyper.embed, hyper.hidden, hyper.layers, hyper.dropout)
    return SeedModel(vocab, hyper.seq_len, hyper.embed, hyper.dropout, hyper.seed_input)


def positions_per_row(hyper):
    """Predicted tokens per row: the whole sequence for the lstm, one for the seed network."""
    return hyper.seq_len if hyper.arch == "lstm" else 1
