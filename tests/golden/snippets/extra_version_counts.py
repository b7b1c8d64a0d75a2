import torch

x = torch.ones(3)
v = x[1:]
print(x._version, v._version)
x.add_(1); x.mul_(2); x.zero_()
print(x._version, v._version)
v.fill_(3)
x += 1
print(x._version, v._version, x)
