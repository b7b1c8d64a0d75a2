import torch
import torch.nn.functional as F

x = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
h = x * 2
out = F.relu(h, inplace=True)
print(out is h, h, h.grad_fn, h._version)
h.sum().backward()
print(x.grad)
