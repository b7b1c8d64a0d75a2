import torch

m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
v = torch.tensor([0.5, -1.0], requires_grad=True)
print(torch.mm(m, m))
print(torch.mv(m, v))
print(torch.dot(v, v))
print(m.mm(m), m.mv(v), v.dot(v))
y = torch.mm(m, m).sum() + torch.mv(m, v).sum() + torch.dot(v, v)
y.backward()
print(m.grad)
print(v.grad)
