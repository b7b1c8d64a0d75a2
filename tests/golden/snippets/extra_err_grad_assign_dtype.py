import torch

x = torch.ones(3, requires_grad=True)
x.grad = torch.ones(3, dtype=torch.float64)
