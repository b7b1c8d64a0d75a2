import torch

x = torch.arange(6.0).reshape(2, 3)
print(x.narrow(1, -1, 1))
x.narrow(0, -3, 1)
