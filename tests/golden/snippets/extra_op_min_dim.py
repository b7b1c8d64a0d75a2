import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 0.0]], requires_grad=True)
r = x.min(dim=0)
print(r)
print(x.min(dim=-1, keepdim=True))
r.values.sum().backward()
print(x.grad)
