import torch

x = torch.tensor(2.0, requires_grad=True)
z = torch.tensor(3.0, requires_grad=True)
y = x * x
print(torch.autograd.grad(y, [x, z], allow_unused=True))
