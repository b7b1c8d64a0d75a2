import torch

a = torch.arange(6.0).reshape(2, 3).requires_grad_()
b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
c = a * b
print(c)
c.sum().backward()
print(a.grad)
print(b.grad)
