import torch

torch.ones(2, 3).unsqueeze(-4)
