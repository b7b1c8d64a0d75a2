# Seed 002 shows its graph only as a picture: a, b, c, d, L and weights w1..w4,
# with c computed from a and w2. This is that graph with simple arithmetic.
import torch

a = torch.tensor(2.0, requires_grad=True)
w1 = torch.tensor(3.0, requires_grad=True)
w2 = torch.tensor(-1.0, requires_grad=True)
w3 = torch.tensor(0.5, requires_grad=True)
w4 = torch.tensor(4.0, requires_grad=True)

b = w1 * a
c = w2 * a
d = w3 * b + w4 * c
L = (10 - d) ** 2

print(b, c, d, L)
L.backward()
print(a.grad)
print(w1.grad, w2.grad, w3.grad, w4.grad)
