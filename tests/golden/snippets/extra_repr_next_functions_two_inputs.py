import torch

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0)
c = a * b
print(c.grad_fn.next_functions)
d = c + a
print(d.grad_fn.next_functions)
