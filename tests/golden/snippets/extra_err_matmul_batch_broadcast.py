import torch

torch.ones(3, 2, 4) @ torch.ones(2, 4, 5)
