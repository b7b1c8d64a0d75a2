import torch

torch.ones(3).select(1, 0)
