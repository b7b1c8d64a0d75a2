import torch

torch.ones(2, 3).flatten(1, 0)
