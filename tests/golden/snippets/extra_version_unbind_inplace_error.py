# unbind gives several views at once: PyTorch refuses to change one of them in place.
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = x * 1
rows = b.unbind()
try:
    rows[1].mul_(2)
except RuntimeError as e:
    print(e)
c = torch.zeros(2, 2)
c.unbind()[0].add_(1)
print(c)
