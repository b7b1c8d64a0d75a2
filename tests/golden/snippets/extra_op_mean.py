import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
print(x.mean())
print(x.mean(dim=0))
print(x.mean(dim=1, keepdim=True))
print(torch.mean(x, -1))
x.mean(dim=1).sum().backward()
print(x.grad)
