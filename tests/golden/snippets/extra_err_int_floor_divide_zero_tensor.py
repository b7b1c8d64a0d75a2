import torch

torch.tensor([4, 2]) // torch.tensor([2, 0])
