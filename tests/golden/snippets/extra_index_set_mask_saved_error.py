import torch

x = torch.tensor([1.0, -2.0], requires_grad=True)
y = x.exp()
y[y > 1] = 0
y.sum().backward()
