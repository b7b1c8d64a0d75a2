import torch

torch.ones(3)[torch.tensor([0.0])]
