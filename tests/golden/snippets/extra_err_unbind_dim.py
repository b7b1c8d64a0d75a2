import torch

torch.ones(3).unbind(1)
