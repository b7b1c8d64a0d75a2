import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
s = torch.tensor(3.0, requires_grad=True)
c = a * s - s
print(c)
c.sum().backward()
print(a.grad, s.grad)
