import torch

a = torch.tensor([1, -2, 3])
a.relu_()
a.neg_()
a.abs_()
a.clamp_(max=2)
print(a, a.dtype, a._version)
try:
    a.exp_()
except RuntimeError as e:
    print(e)
try:
    a.mul_(0.5)
except RuntimeError as e:
    print(e)
b = torch.tensor([1.0, 2.0])
b.mul_(torch.tensor([2, 3]))
print(b, b.dtype)
