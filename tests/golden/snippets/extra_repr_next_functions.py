import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2 + 1
print(y.grad_fn)
print(y.grad_fn.next_functions)
print(y.grad_fn.next_functions[0][0].next_functions)
print(y.grad_fn.name())
print(x.grad_fn)
