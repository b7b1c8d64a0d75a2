import torch

x = torch.tensor([0.5, 1.5, -2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(torch.sin, (x,)))
print(torch.autograd.gradcheck(lambda t: (t * t).sum(), (x,)))
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda m, v: m @ v, (w, x[:2].detach().requires_grad_())))
