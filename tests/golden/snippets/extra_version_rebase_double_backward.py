import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
b = x * 1
v = b[0:2]
b.mul_(2)
g, = torch.autograd.grad((v ** 2).sum(), x, create_graph=True)
print(g)
g.sum().backward()
print(x.grad)
x.grad = None
b = x * 1
b[1:3].mul_(3)
g, = torch.autograd.grad((b ** 2).sum(), x, create_graph=True)
print(g)
g.sum().backward()
print(x.grad)
