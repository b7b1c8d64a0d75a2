import torch

x = torch.ones(2, 2)
x.requires_grad_(True)
print(x)
