import torch

print(torch.arange(30.0))
print(torch.arange(40))
print(torch.arange(20.0).reshape(2, 10) / 3)
print(torch.linspace(0, 1, 12))
