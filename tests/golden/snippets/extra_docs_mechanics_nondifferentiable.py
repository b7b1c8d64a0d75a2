# Autograd mechanics, "Gradients for non-differentiable functions".
import torch

x = torch.tensor([0.0, 1.0], requires_grad=True)
x.relu().sum().backward()
print(x.grad)
x.grad = None
x.abs().sum().backward()
print(x.grad)
x.grad = None
x.sqrt().sum().backward()
print(x.grad)
x.grad = None
x.norm().backward()
print(x.grad)
