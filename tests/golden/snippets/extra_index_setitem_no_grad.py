import torch

x = torch.zeros(2, 3)
x[0] = 1.0
x[1, 2] = 5.0
x[:, 0] = torch.tensor([7.0, 8.0])
x[x > 4] = -1.0
print(x)
