import torch

torch.ones(2, 3).expand(2, 3, 4)
