# clamp passes the gradient where min <= x <= max (boundaries included).
import torch

x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)
y = x.clamp(-1.0, 1.0)
print(y)
y.sum().backward()
print(x.grad)
print(torch.clamp(x, min=0.5))
print(x.clamp(max=0.0))
