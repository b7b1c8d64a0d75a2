import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * True
print(y.dtype)
print(y.grad_fn._saved_other)
print(y.grad_fn._saved_self)
y.sum().backward()
print(x.grad)
y.grad_fn._saved_other
