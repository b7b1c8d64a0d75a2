# create_graph=True through x[index] = value: the second derivative is recorded too.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = x * 1
y[0] = 0
z = (y ** 2).sum()
g, = torch.autograd.grad(z, x, create_graph=True)
print(g)
g.sum().backward()
print(x.grad)
x.grad = None
y = x * 1
y[y > 2] = 0
g, = torch.autograd.grad((y ** 3).sum(), x, create_graph=True)
print(g)
g.sum().backward()
print(x.grad)
