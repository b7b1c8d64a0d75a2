import torch

x = torch.tensor([3.0, 4.0], requires_grad=True)
n = x.norm()
print(n)
n.backward()
print(x.grad)
m = torch.tensor([[3.0, 4.0], [6.0, 8.0]])
print(torch.norm(m), m.norm(dim=1))
