import torch

torch.ones(6).reshape(-2, 3)
