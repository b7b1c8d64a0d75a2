# y[0] += 1 is two in-place steps: y[0].__iadd__(1), then y[0] = that result.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y[0] += 1
print(y, y.grad_fn, y._version)
y[1:] *= 2
print(y, y.grad_fn, y._version)
y.sum().backward()
print(x.grad)
try:
    x[0] += 1
except RuntimeError as e:
    print(e)
