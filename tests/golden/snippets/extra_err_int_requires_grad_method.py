import torch

x = torch.ones(2, dtype=torch.long)
print(x)
x.requires_grad_()
