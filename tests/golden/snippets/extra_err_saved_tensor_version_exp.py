import torch

x = torch.ones(3, requires_grad=True)
y = x.exp()
y.add_(1)
print(y)
y.sum().backward()
