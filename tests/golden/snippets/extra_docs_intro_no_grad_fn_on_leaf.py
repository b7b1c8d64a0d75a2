import torch

a = torch.tensor([2.0, 3.0], requires_grad=True)
Q = 3 * a ** 3
print(a.grad_fn, a.is_leaf, Q.is_leaf)
print(Q.grad_fn.name(), Q.grad_fn.next_functions[1])
