import torch

torch.ones(2, 3).squeeze(2)
