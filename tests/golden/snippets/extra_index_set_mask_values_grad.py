import torch

x = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
fill = torch.tensor([0.5, 0.25], requires_grad=True)
y = x.clone()
y[y < 0] = fill
print(y)
(y * y).sum().backward()
print(x.grad, fill.grad)
