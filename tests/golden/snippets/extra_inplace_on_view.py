import torch

x = torch.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
y = x * 1
y[:2].relu_()
y[2:].sigmoid_()
print(y, y.grad_fn)
y.sum().backward()
print(x.grad)
