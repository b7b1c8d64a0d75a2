# Exercise 2: run the backward function a second time right after the first.
import torch

x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)
y.backward()
