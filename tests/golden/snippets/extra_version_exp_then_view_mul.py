# exp saved its result; changing it through a view is caught (the message names Exp).
import torch

b = torch.tensor([1.0, 2.0], requires_grad=True)
y = b.exp()
v = y.view(2)
v.mul_(2)
print(y.grad_fn.name())
y.sum().backward()
