import torch

x = torch.ones(3, requires_grad=True)
x.grad = torch.tensor([1, 2, 3])
