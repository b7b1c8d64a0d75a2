import torch

x = torch.ones(2, 3, requires_grad=True)
print(x.sum(dim=()), x.mean(dim=[]))
print(x.norm(dim=()))
