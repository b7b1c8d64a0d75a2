import torch

torch.ones(3).narrow(0, 2, 5)
