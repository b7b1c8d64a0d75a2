import torch

x = torch.tensor([[1, 2], [3, 4]])
print(x.sum(), x.sum(dim=0), x.sum().dtype)
print(torch.tensor([True, True, False]).sum())
