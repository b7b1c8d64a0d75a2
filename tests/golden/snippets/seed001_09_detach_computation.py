import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
y.sum().backward()

x.grad.zero_()
y = x * x
u = y.detach()
z = u * x

z.sum().backward()
print(x.grad == u)
