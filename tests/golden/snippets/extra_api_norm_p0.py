import torch

x = torch.tensor([3.0, 0.0, -4.0], requires_grad=True)
n = x.norm(p=0)
print(n, n.requires_grad)
n.backward()
print(x.grad)
