"""yamg_torch: train yamg models with PyTorch DistributedDataParallel, from yamg corpora to yamg model files.

`torchrun --nproc-per-node N -m yamg_torch.train CORPUS -o RUN` (see python/README.md).
"""

__version__ = "0.1.0"
