import torch

x = torch.ones(3)
y = x.add_(2)
print(x, y is x)
x.mul_(torch.tensor([1.0, 2.0, 3.0]))
x.sub_(1)
print(x)
x.fill_(2.5)
print(x)
print(x.zero_())
x += 4
print(x)
