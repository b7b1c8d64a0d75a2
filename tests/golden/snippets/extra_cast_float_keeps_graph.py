# float <-> double casts stay in the graph (ToCopyBackward0); a cast to the same dtype is the tensor itself.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
d = x.double()
print(d, d.grad_fn, d.grad_fn.next_functions)
print(x.to(torch.float64).grad_fn, x.type("torch.DoubleTensor").grad_fn, x.type(torch.float64).grad_fn)
print(x.float() is x, x.to(torch.float32) is x, x.type(torch.float32) is x)
f = x.double().float()
print(f, f.dtype)
(d * d).sum().backward()
print(x.grad, x.grad.dtype)
