import torch

torch.cat(torch.ones(2))
