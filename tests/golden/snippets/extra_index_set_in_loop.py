# Building a tensor element by element in a loop (a common first attempt).
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = torch.zeros(3)
for i in range(3):
    out[i] = x[i] ** 2
print(out, out.grad_fn)
out.sum().backward()
print(x.grad)
