# Where both inputs are equal, maximum splits the gradient in half.
import torch

a = torch.tensor([1.0, 5.0, 3.0], requires_grad=True)
b = torch.tensor([2.0, 4.0, 3.0], requires_grad=True)
m = torch.maximum(a, b)
print(m)
m.sum().backward()
print(a.grad)
print(b.grad)
