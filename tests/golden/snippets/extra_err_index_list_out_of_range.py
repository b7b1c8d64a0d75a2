import torch

torch.ones(3)[[0, 5]]
