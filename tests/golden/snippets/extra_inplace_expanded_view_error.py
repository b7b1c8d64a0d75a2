# An expanded tensor repeats one element in several places: it cannot be written in place.
import torch

x = torch.tensor([1.0, 2.0])
e = x[:1].expand(3)
print(e, e._base is x)
c = e.clone()
c.add_(1)
print(c, x)
e.add_(1)
