import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2.5
print(y.dtype)
print(y.grad_fn._saved_other)
print((x * 0.1).grad_fn._saved_other.item())
print((x / 0.5).grad_fn._saved_other)
z = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True) * 3
print(z.dtype, z.grad_fn._saved_other)
