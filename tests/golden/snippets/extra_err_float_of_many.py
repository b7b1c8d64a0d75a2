import torch

float(torch.ones(2))
