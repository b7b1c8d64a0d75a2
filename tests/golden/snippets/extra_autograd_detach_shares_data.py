# detach() shares the data with the original; clone() copies it.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
d = x.detach()
c = x.detach().clone()
d.add_(5)
c.mul_(100)
print(x)
print(d, c)
