import torch

x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(y.grad_fn._saved_exponent)
print(x.equal(y.grad_fn._saved_self))
print(x is y.grad_fn._saved_self)
