import torch

x = torch.ones(2, 1, 3, requires_grad=True)
s = x.squeeze()
print(s)
print(x.squeeze(1).shape, x.squeeze(0).shape)
u = s.unsqueeze(0)
print(u.shape, s.unsqueeze(-1).shape)
print(u)
u.sum().backward()
print(x.grad.shape)
