# Writing into .data or .grad by index: no graph, and no leaf error.
import torch

w = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
w.data[w.data < 0] = 0
print(w, w._version, w.is_leaf)
(w * w).sum().backward()
w.grad[0] = 100
w.grad[w.grad > 5] = 5
print(w.grad, w.grad.grad_fn)
