import torch

torch.ones(2, 3).expand(-1, -1, 3)
