import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
n = x.long()
print(n.requires_grad)
n.sum().backward()
