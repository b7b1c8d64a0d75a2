# The tutorial's comment says y.backward(torch.ones(len(x))) is equivalent to
# y.sum().backward(); this snippet runs that spelling.
import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
y.backward(torch.ones(len(x)))
print(x.grad)
