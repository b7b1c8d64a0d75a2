import torch

torch.tensor([4, 2]).remainder(torch.tensor([0, 1]))
