import torch

x = torch.arange(12.0).reshape(2, 2, 3).requires_grad_()
print(x.flatten())
print(torch.flatten(x, 1))
x.flatten().sum().backward()
print(x.grad.shape)
