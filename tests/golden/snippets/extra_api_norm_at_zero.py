import torch

for p in [1, 2, 3, 0.5, float("inf")]:
    z = torch.zeros(3, requires_grad=True)
    n = torch.norm(z, p)
    n.backward()
    print(p, n, z.grad)
