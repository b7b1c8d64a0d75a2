import torch

x = torch.tensor([[1.0], [2.0]], requires_grad=True)
y = x.expand(2, 3)
print(y)
(y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(x.grad)
print(torch.tensor([1.0, 2.0]).expand(3, -1))
