# Nodes are numbered as forward makes them: an input's node always has a smaller number.
import torch
x = torch.ones(2, requires_grad=True)
a = x * 2
b = a + 1
c = b.sum()
print(a.grad_fn._sequence_nr() < b.grad_fn._sequence_nr() < c.grad_fn._sequence_nr())
print(c.grad_fn.next_functions[0][0] is b.grad_fn)
leaf = a.grad_fn.next_functions[0][0]
print(type(leaf).__name__, leaf._sequence_nr())
