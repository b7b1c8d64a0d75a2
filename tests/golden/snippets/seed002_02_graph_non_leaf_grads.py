# The same graph: b, c, d are not leaves, their .grad stays None unless
# retain_grad() is called.
import torch

a = torch.tensor(2.0, requires_grad=True)
w1 = torch.tensor(3.0, requires_grad=True)
w2 = torch.tensor(-1.0, requires_grad=True)
w3 = torch.tensor(0.5, requires_grad=True)
w4 = torch.tensor(4.0, requires_grad=True)

b = w1 * a
c = w2 * a
d = w3 * b + w4 * c
b.retain_grad()
d.retain_grad()
L = (10 - d) ** 2
L.backward()
print(d.grad, b.grad)
print(a.is_leaf, b.is_leaf, L.is_leaf)
print(L.grad_fn)
print(d.grad_fn)
