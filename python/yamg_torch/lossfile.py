"""`loss.csv`, in yamg's columns (Sources/Models/LossLog.swift), so a run folder reads the same whichever trainer
wrote it and either can resume it: one row per logged step, the validation loss on the rows of evaluations."""

from dataclasses import dataclass

from .modelfile import write_atomically

HEADER = "step,epoch,train_loss,val_loss,learning_rate,tokens_per_s"


@dataclass
class Row:
    step: int
    epoch: int
    train_loss: float | None
    val_loss: float | None
    learning_rate: float
    tokens_per_second: float

    def csv(self):
        def loss(x):
            return "" if x is None else f"{x:.6f}"
        return (f"{self.step},{self.epoch},{loss(self.train_loss)},{loss(self.val_loss)},{self.learning_rate:.6g},"
                f"{self.tokens_per_second:.0f}")


def read_rows(path, up_to_step):
    """The rows of an existing log up to `up_to_step` (what a resumed run continues from); none without one."""
    try:
        lines = open(path).read().splitlines()[1:]
    except OSError:
        return []
    rows = []
    for line in lines:
        f = line.split(",")
        try:
            if len(f) == 6 and int(f[0]) <= up_to_step:
                rows.append(Row(int(f[0]), int(f[1]), float(f[2]) if f[2] else None, float(f[3]) if f[3] else None,
                                float(f[4]), float(f[5])))
        except ValueError:
            continue
    return rows


def write(path, rows):
    write_atomically(path, ("\n".join([HEADER] + [r.csv() for r in rows]) + "\n").encode())
