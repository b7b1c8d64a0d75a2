import torch

torch.where(torch.tensor([True, False]), torch.ones(3), torch.zeros(3))
