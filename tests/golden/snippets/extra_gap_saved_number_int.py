import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
print(y.dtype)
print(y.grad_fn._saved_other)
print(y.grad_fn._saved_other.dtype)
print((2 * x).grad_fn._saved_other)
print((x / 4).grad_fn._saved_other)
