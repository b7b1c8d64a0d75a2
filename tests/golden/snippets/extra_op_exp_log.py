import torch

x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
y = torch.exp(x)
z = torch.log(x)
print(y)
print(z)
(y + z).sum().backward()
print(x.grad)
print(x.exp(), x.log())
