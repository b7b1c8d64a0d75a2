import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
y = x[1:, ::2]
print(y)
z = x[0, 1]
print(z)
(y.sum() + z * 10).backward()
print(x.grad)
