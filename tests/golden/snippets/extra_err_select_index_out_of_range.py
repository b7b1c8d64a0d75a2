import torch

torch.ones(3).select(0, 5)
