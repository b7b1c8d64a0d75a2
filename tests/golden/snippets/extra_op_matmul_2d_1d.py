import torch

m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
v = torch.tensor([1.0, 0.0, -1.0], requires_grad=True)
c = m @ v
print(c)
c.sum().backward()
print(m.grad)
print(v.grad)
print(torch.matmul(m, v))
