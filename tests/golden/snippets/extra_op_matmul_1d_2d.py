import torch

v = torch.tensor([1.0, 2.0], requires_grad=True)
m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
c = v @ m
print(c)
c.sum().backward()
print(v.grad)
print(m.grad)
