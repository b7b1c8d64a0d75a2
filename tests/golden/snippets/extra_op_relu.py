# The gradient of relu at 0 is 0.
import torch

x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
y = torch.relu(x)
print(y)
y.sum().backward()
print(x.grad)
print(x.relu())
