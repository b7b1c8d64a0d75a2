# Even x * 2 saves a tensor for backward (the scalar 2, wrapped as a tensor),
# so a second backward through (x * 2).sum() fails too.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * 2).sum()
y.backward()
print(x.grad)
y.backward()
