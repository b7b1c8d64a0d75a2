import torch

x = torch.tensor([3.14159265, 2.71828, 1.0])
torch.set_printoptions(precision=2)
print(x)
print(torch.tensor([1e-5, 1.0]))
torch.set_printoptions(precision=6)
print(x)
torch.set_printoptions(profile="default")
print(x)
