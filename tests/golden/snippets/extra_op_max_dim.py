import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], requires_grad=True)
r = x.max(dim=1)
print(r)
print(r.values)
print(r.indices)
values, indices = torch.max(x, 0)
print(values, indices)
r.values.sum().backward()
print(x.grad)
