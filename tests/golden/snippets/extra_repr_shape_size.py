import torch

x = torch.zeros(2, 3)
print(x.shape)
print(x.size())
print(x.size(0), x.size(-1), x.shape[1])
print(x.shape == (2, 3), x.shape == torch.Size([2, 3]))
print(len(x.shape), x.dim(), x.ndim, x.numel())
print(torch.tensor(1.0).shape)
print(list(x.shape), tuple(x.shape))
print(torch.Size([4, 5]))
a, b = x.shape
print(a, b)
