import torch

x = torch.tensor(3.0, requires_grad=True)
y = x * x
z = y + y * x + x
z.backward()
print(z, x.grad)
