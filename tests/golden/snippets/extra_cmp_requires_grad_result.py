# Comparisons never require grad.
import torch

x = torch.tensor([1.0, -1.0], requires_grad=True)
m = x > 0
print(m, m.requires_grad, m.grad_fn)
print(x.argmax().requires_grad)
