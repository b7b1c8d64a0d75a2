import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 1
y[0] = y[1] * 2
y[2] = y[0] + y[2]
print(y, y.grad_fn, y._version)
y.sum().backward()
print(x.grad)
