"""yamg's optimizer (Sources/NeuralNet/AdamW.swift) on torch: AdamW with decoupled weight decay, global-norm
gradient clipping (scale by clip / norm when the norm is above clip), and a learning rate that warms up linearly
then decays on a cosine to `min_factor` of its peak over the run's steps."""

import math

import torch


def learning_rate(opt, step, total_steps):
    """The learning rate of update number `step` (0-based) of a run of `total_steps` updates."""
    if opt.warmup_steps > 0 and step < opt.warmup_steps:
        return opt.learning_rate * (step + 1) / opt.warmup_steps
    if total_steps <= opt.warmup_steps:
        return opt.learning_rate
    progress = min(1.0, (step - opt.warmup_steps) / (total_steps - opt.warmup_steps))
    cosine = 0.5 * (1 + math.cos(math.pi * progress))
    return opt.learning_rate * (opt.min_factor + (1 - opt.min_factor) * cosine)


class YamgAdamW:
    """torch.optim.AdamW (whose update is yamg's, term for term) driven by yamg's clipping and schedule."""

    def __init__(self, named_parameters, settings, total_steps, fused=False):
        self.names, self.params = zip(*named_parameters)
        self.settings = settings
        self.total_steps = total_steps
        self.step_count = 0  # updates taken, as AdamW.step in yamg
        self.torch = torch.optim.AdamW(self.params, lr=settings.learning_rate, betas=(settings.beta1, settings.beta2),
                                       eps=settings.epsilon, weight_decay=settings.weight_decay, fused=fused)

    def zero_grad(self):
        self.torch.zero_grad(set_to_none=True)

    def update(self):
        """Clips, then applies one update; returns the learning rate it used. No host sync: the clip factor stays
        on the device."""
        grads = [p.grad for p in self.params if p.grad is not None]
        if self.settings.clip_norm > 0 and grads:
            norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, dtype=torch.float32)
                                                         for g in grads]))
            torch._foreach_mul_(grads, torch.clamp(self.settings.clip_norm / norm, max=1.0))
        lr = learning_rate(self.settings, self.step_count, self.total_steps)
        for group in self.torch.param_groups:
            group["lr"] = lr
        self.torch.step()
        self.step_count += 1
        return lr

    def moments(self):
        """(name, first moment, second moment) per parameter, zeros before the first update."""
        for name, p in zip(self.names, self.params):
            state = self.torch.state.get(p, {})
            yield name, state.get("exp_avg", torch.zeros_like(p)), state.get("exp_avg_sq", torch.zeros_like(p))

    def restore(self, moments, step):
        """Sets the moments ({name: (m, v)} on CPU) and the update count, as a saved state had them."""
        state = {}
        for i, (name, p) in enumerate(zip(self.names, self.params)):
            m, v = moments[name]
            state[i] = {"step": torch.tensor(float(step)), "exp_avg": m.to(p.device, p.dtype),
                        "exp_avg_sq": v.to(p.device, p.dtype)}
        self.torch.load_state_dict({"state": state, "param_groups": self.torch.state_dict()["param_groups"]})
        self.step_count = step
