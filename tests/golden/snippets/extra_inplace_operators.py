import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 1
y += 1
print(y.grad_fn)
y -= 0.5
print(y.grad_fn)
y *= 2
print(y.grad_fn)
y /= 4
print(y.grad_fn)
y **= 2
print(y.grad_fn)
y %= 2
print(y.grad_fn, y, y._version)
y.sum().backward()
print(x.grad)
