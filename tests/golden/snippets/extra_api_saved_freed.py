import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.pow(2)
y.sum().backward()
print(y.grad_fn._saved_exponent)
y.grad_fn._saved_self
