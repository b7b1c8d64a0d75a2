import torch

c = torch.zeros(3)
print(c._version)
c[0] = 1
print(c._version)
c[c > 0] = 2
print(c._version)
c[[1]] = 3
print(c._version)
c[...] = 4
print(c._version, c)
