import torch

x = torch.tensor([0.0, -1.0, 1.0])
print(torch.log(x))
print(torch.sqrt(x))
print(torch.exp(torch.tensor([100.0, -100.0])))
