# A chain of in-place ops: each replaces grad_fn; the gradient is the chain rule of all of them.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
y = x * 2
y.sigmoid_().mul_(3).sub_(1).relu_()
print(y, y.grad_fn, y._version)
y.sum().backward()
print(x.grad)
