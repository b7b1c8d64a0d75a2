# ".data vs .detach()": a change through .data is not seen by autograd.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
out = x.sigmoid()
c = out.data
c.zero_()
out.sum().backward()
print(out, x.grad)
