import torch

torch.ones(3)[torch.tensor([True, False])]
