# Autograd mechanics, "How autograd encodes the history".
import torch

a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
print(Q.grad_fn)
print([type(f).__name__ for f, _ in Q.grad_fn.next_functions])
mul = Q.grad_fn.next_functions[0][0]
print([type(f).__name__ for f, _ in mul.next_functions])
print(mul.next_functions[0][0].next_functions[0][0].variable is a)
