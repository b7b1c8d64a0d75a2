# out has 7 elements: backward() without a gradient argument is an error.
import torch

x = torch.randn(7, requires_grad=True)
out = x * 2
print(out.shape)
out.backward()
