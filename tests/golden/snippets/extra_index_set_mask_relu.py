# ReLU by hand: y = x.clone(); y[y < 0] = 0 records IndexPutBackward0.
import torch

x = torch.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
y = x.clone()
y[y < 0] = 0
print(y)
print(y.grad_fn.name(), [(type(f).__name__ if f else None, i) for f, i in y.grad_fn.next_functions])
print(y._version, y.is_leaf, y.requires_grad)
y.sum().backward()
print(x.grad)
