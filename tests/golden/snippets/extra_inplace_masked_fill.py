# masked_fill: a number (or a 0-dim tensor) where the mask is True.
import torch

x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
y = x.masked_fill(x < 0, 0.0)
print(y, y.grad_fn.name(), len(y.grad_fn.next_functions))
v = torch.tensor(5.0, requires_grad=True)
y = x.masked_fill(x < 0, v)
print(y, y.grad_fn.name(), len(y.grad_fn.next_functions))
y.sum().backward()
print(x.grad, v.grad)
z = x * 1
print(z.masked_fill_(z > 2, -1) is z, z, z._version)
print(torch.zeros(2, 3).masked_fill(torch.tensor([True, False, True]), 1.0))
print(torch.masked_fill(x, x > 0, 2.0))
for mask, value in [(torch.tensor([1, 0, 0]), 0.0), (torch.tensor([1.0, 0, 0], dtype=torch.float64), 0.0),
                    (x < 0, torch.ones(2))]:
    try:
        x.masked_fill(mask, value)
    except RuntimeError as e:
        print(e)
try:
    (x * 1).masked_fill_(torch.tensor([[True], [False]]), 0)
except RuntimeError as e:
    print(e)
try:
    x.masked_fill_(x > 0, 0)
except RuntimeError as e:
    print(e)
