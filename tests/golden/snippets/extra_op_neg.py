import torch

x = torch.tensor([1.0, -2.0, 0.0], requires_grad=True)
y = -x
print(y)
y.sum().backward()
print(x.grad)
print(x.neg())
