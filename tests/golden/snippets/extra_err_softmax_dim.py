import torch

torch.ones(2, 3).softmax(dim=2)
