import torch

s = torch.Size([2, 3])
print(s, repr(s), str(s))
print(torch.Size((4,)), torch.Size())
print(s.count(2), s.index(3), tuple(s))
a, b = s
print(a * b)
