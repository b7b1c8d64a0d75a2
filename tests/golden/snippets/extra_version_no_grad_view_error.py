# A view made under no_grad, changed in place with grad mode on: ambiguous, so refused.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
b = x * 1
with torch.no_grad():
    v = b.view(2, 2)
try:
    v.mul_(2)
except RuntimeError as e:
    print(e)
with torch.no_grad():
    w = x[1:]
    w.mul_(10)
print(x, x._version)
w.mul_(2)
