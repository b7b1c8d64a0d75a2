import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
print(x.T)
print(x.t())
print(x.transpose(0, 1))
y = torch.arange(24.0).reshape(2, 3, 4)
print(y.permute(2, 0, 1).shape)
print(y.transpose(0, 2).shape)
(x.T * torch.tensor([[1.0, 2.0]])).sum().backward()
print(x.grad)
