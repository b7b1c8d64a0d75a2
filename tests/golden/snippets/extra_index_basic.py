import torch

x = torch.arange(12.0).reshape(3, 4)
print(x[0])
print(x[-1])
print(x[1, 2])
print(x[:, 1])
print(x[1:3])
print(x[::2, 1:])
print(x[..., 0])
print(x[None].shape, x[:, None].shape)
