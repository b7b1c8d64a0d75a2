# The gradient of abs at 0 is 0.
import torch

x = torch.tensor([-2.0, 0.0, 3.0], requires_grad=True)
y = x.abs()
print(y)
y.sum().backward()
print(x.grad)
print(torch.abs(torch.tensor([-1, 2])))
