"""The training loop, step for step `yamg train`'s (Sources/Models/Trainer.swift): one epoch is as many predicted
tokens as the training split holds; validation at each epoch's end, every `--eval-every` steps and at the last;
`best`, `epoch-NNN` and `last` model files with the optimizer state beside `last`; `loss.csv`; early stopping;
a clean stop on request. Each process trains its share of the global batch and DDP averages the gradients, so
one optimizer step is yamg's step over the whole batch."""

import contextlib
import math
import time
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from . import distributed, lossfile
from .evaluate import evaluate
from .models import build, positions_per_row
from .modelfile import check_tensors
from .optim import YamgAdamW
from .sampler import WindowSampler
from .state import TrainingState, capture_rng, restore_rng, state_path


@dataclass
class Summary:
    steps: int
    best_val_loss: float | None
    interrupted: bool
    stopped_early: bool


class Trainer:
    def __init__(self, args, corpus, plan, place, say):
        self.args, self.corpus, self.plan, self.place, self.say = args, corpus, plan, place, say
        self.folder = args.output
        h = self.hyper = plan.hyper
        self.file = plan.file
        self.share = h.batch // place.world
        self.rows_positions = positions_per_row(h)
        self.steps_per_epoch = max(1, len(corpus.train) // (h.batch * self.rows_positions))
        torch.manual_seed(plan.seed)  # the same fresh weights on every process
        self.module = build(h, len(corpus.vocabulary))
        if plan.weights is not None:
            check_tensors(args.from_model or f"{self.folder}/last.safetensors", plan.weights, self.module, h.arch)
            self.module.load_state_dict(plan.weights)
        self.module.to(place.device)
        cuda = place.device.type == "cuda"
        self.net = self.module
        if place.distributed:
            self.net = DistributedDataParallel(self.module, device_ids=[place.device.index] if cuda else None)
        self.state = plan.state or TrainingState(seed=plan.seed)
        self.state.seed = plan.seed
        if plan.state is None:
            self.state.total_steps = args.steps or args.epochs * self.steps_per_epoch
        self.optimizer = YamgAdamW(self.module.named_parameters(), h.optimizer, self.state.total_steps, fused=cuda)
        if plan.moments is not None:
            self.optimizer.restore(plan.moments, self.state.optimizer_step)
        self.seed_dropout()
        self.sampler = WindowSampler(corpus.train, h.seq_len + 1, self.rows_positions, h.batch, plan.seed)
        self.log = plan.log_rows
        self.bf16 = args.precision == "bf16" or (args.precision == "auto" and cuda and torch.cuda.is_bf16_supported())
        self.max_eval_batches = None if args.eval_batches == 0 else args.eval_batches

    def seed_dropout(self):
        """Each process its own dropout masks: its saved random state when resuming with as many processes,
        else a seed from the run's seed, the step and the rank."""
        saved = self.state.torch_rng
        if self.plan.state is not None and len(saved) == self.place.world:
            restore_rng(saved[self.place.rank], self.place.device)
            return
        if self.plan.state is not None:
            self.say(f"note: the saved random states are for {len(saved)} process(es), not {self.place.world}: "
                     "dropout masks are drawn afresh")
        torch.manual_seed(self.plan.seed * 1_000_003 + self.state.step * 7919 + self.place.rank + 1)

    def autocast(self):
        if self.bf16:
            return torch.autocast(self.place.device.type, dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def train_step(self):
        rows = torch.from_numpy(self.sampler.rows(self.state.step, self.steps_per_epoch, self.place.rank,
                                                  self.place.world))
        rows = rows.to(self.place.device, non_blocking=True)
        inputs, targets = self.module.inputs_targets(rows)
        self.optimizer.zero_grad()
        with self.autocast():
            logits = self.net(inputs)
        loss = F.cross_entropy(logits.float(), targets)
        loss.backward()
        lr = self.optimizer.update()
        return loss.detach(), lr

    def validate(self):
        return evaluate(self.module, self.corpus.val, self.hyper, self.max_eval_batches, self.place.device,
                        chunk=self.share, rank=self.place.rank, world=self.place.world,
                        reduce=distributed.all_reduce_sum)

    def run(self, stop_requested):
        s, h = self.state, self.hyper
        window_loss = torch.zeros((), device=self.place.device)
        window_steps, window_start, started, steps_here = 0, time.perf_counter(), time.perf_counter(), 0
        last_print = 0.0
        interrupted = stopped_early = False
        if self.plan.state is not None:
            self.say(f"resuming at step {s.step} of {s.total_steps} (epoch {s.epoch})")
        while s.step < s.total_steps:
            if distributed.any_process(stop_requested() or s.step == self.args.stop_at):
                interrupted = True
                break
            loss, lr = self.train_step()
            s.step += 1
            s.optimizer_step = self.optimizer.step_count
            steps_here += 1
            window_loss += loss
            window_steps += 1
            epoch_end = s.step % self.steps_per_epoch == 0
            eval_now = epoch_end or (self.args.eval_every and s.step % self.args.eval_every == 0) \
                or s.step == s.total_steps
            if s.step % self.args.log_every == 0 or eval_now:
                distributed.all_reduce_sum(window_loss)
                train_loss = window_loss.item() / self.place.world / window_steps
                now = time.perf_counter()
                rate = window_steps * h.batch * self.rows_positions / max(now - window_start, 1e-9)
                self.log.append(lossfile.Row(s.step, s.epoch + 1, train_loss, None, lr, rate))
                self.file.train_loss = train_loss
                window_loss.zero_()
                window_steps, window_start = 0, now
                if now - last_print >= self.args.print_seconds or eval_now:
                    left = (now - started) / steps_here * (s.total_steps - s.step)
                    self.say(f"step {s.step}/{s.total_steps} epoch {s.epoch + 1}  loss {train_loss:.4f}  "
                             f"lr {lr:.2e}  {rate:.0f} tok/s  ETA {format_seconds(left)}")
                    last_print = now
            if eval_now and self.evaluate_and_save(epoch_end):
                stopped_early = True
                break
        if interrupted or s.step == s.total_steps:
            self.save_last()
        return Summary(s.step, s.best_val_loss, interrupted, stopped_early)

    def evaluate_and_save(self, epoch_end):
        """Validation, `best`/`epoch-NNN`/`last`; True when early stopping ends the run."""
        s = self.state
        loss, accuracy, _ = self.validate()
        self.log[-1].val_loss = loss
        if epoch_end:
            s.epoch += 1
        self.file.step, self.file.epoch, self.file.val_loss = s.step, s.epoch, loss
        improved = s.best_val_loss is None or loss < s.best_val_loss
        if improved:
            s.best_val_loss = loss
            self.save_model("best.safetensors")
        if epoch_end:
            self.save_model(f"epoch-{s.epoch:03d}.safetensors")
            s.epochs_without_improvement = 0 if improved else s.epochs_without_improvement + 1
        self.save_last()
        self.say(f"step {s.step}, epoch {s.epoch}: val loss {loss:.4f} (perplexity {math.exp(loss):.2f}, "
                 f"accuracy {100 * accuracy:.1f}%){', best so far' if improved else ''}")
        patience = self.args.patience
        if patience and epoch_end and s.epochs_without_improvement >= patience:
            self.say(f"no better validation loss for {patience} epoch(s): stopping early")
            return True
        return False

    def save_model(self, name):
        if self.place.is_main:
            self.file.save(self.module, f"{self.folder}/{name}")

    def save_last(self):
        """`last.safetensors`, its training state (with every process's random state) and the loss log."""
        s = self.state
        s.torch_rng = distributed.gather_objects(capture_rng(self.place.device))
        if not self.place.is_main:
            return
        self.file.step, self.file.epoch = s.step, s.epoch
        last = f"{self.folder}/last.safetensors"
        self.file.save(self.module, last)
        s.save(state_path(last), self.optimizer)
        lossfile.write(f"{self.folder}/loss.csv", self.log)


def format_seconds(seconds):
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"
