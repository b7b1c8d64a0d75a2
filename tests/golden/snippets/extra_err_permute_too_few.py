import torch

torch.ones(2, 3).permute(1)
