import torch

torch.ones(2, 3).mean(-3)
