import torch

x = torch.arange(6.0, requires_grad=True)
y = x.reshape(2, 3)
z = x.view(3, 2)
print(y)
print(z)
print(x.reshape(-1, 2).shape, x.view(-1).shape)
(y.sum(dim=0).sum() + (z * z).sum()).backward()
print(x.grad)
