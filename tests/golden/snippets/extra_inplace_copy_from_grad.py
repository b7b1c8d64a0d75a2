# copy_ from a tensor that requires grad: the gradient goes to the source.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
s = torch.tensor([3.0, 4.0], requires_grad=True)
y = x * 1
y.copy_(s * 2)
print(y, y.grad_fn)
y.sum().backward()
print(x.grad, s.grad)
