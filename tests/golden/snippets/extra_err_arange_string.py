import torch

torch.arange("a")
