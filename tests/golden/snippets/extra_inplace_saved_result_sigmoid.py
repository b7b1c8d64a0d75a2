import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
y = x * 1
y.sigmoid_()
print(y.grad_fn, y._version)
y.sum().backward()
print(x.grad)
z = x * 1
z.exp_()
z.mul_(2)
z.sum().backward()
