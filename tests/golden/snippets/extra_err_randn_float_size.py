import torch

torch.randn(2, 2.5)
