# clone() before changing in place leaves the saved output alone.
import torch

x = torch.tensor([0.5, -1.0], requires_grad=True)
y = x.sigmoid()
z = y.clone()
z.zero_()
print(y._version, z._version, z.grad_fn)
y.sum().backward()
print(x.grad)
d = (x * 2).detach()
d.add_(1)                     # a detached alias of a tensor nothing saved: fine
print(d)
