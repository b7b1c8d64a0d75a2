import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
z = x * y
print(z.grad_fn._saved_self is x, z.grad_fn._saved_other is y)
print(z.grad_fn._saved_self)
w = x * 2
print(w.grad_fn._saved_self, w.grad_fn._saved_other.shape)
