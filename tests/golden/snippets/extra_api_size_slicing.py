import torch

s = torch.ones(2, 3, 4).shape
print(s[1:], type(s[1:]).__name__)
print(s[:0], s[::-1], s[0], s[-1])
print(s + (5,), type(s + (5,)).__name__)
print(len(s), s.numel(), s == (2, 3, 4), list(s))
print(torch.ones(2, 3).size()[1:])
