import torch

m = torch.tensor([[1.0, 2.0], [3.0, -4.0]], requires_grad=True)
print(m.norm(p=1, dim=1))
print(m.norm(dim=0, keepdim=True))
print(m.norm(p=float("inf"), dim=1))
out = m.norm(p=3, dim=1).sum()
out.backward()
print(m.grad)
