import torch

torch.where(torch.ones(2) > 0, torch.ones(3), 0.0)
