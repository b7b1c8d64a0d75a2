# d2l 2.5 exercise: f(x) = sin(x); autograd gives cos(x) without writing it down.
import math

import torch

x = torch.linspace(-math.pi, math.pi, 5, requires_grad=True)
y = torch.sin(x)
y.sum().backward()
print(x.grad)
print(torch.allclose(x.grad, torch.cos(x.detach())))
print(y.detach())
