import torch

torch.full((2,), "a")
