import torch

torch.ones(5) @ torch.ones(2, 3, 4)
