import torch

x = torch.ones(2)
y = (x * 3).sum()
y.backward()
