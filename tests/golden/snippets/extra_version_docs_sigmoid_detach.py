# The autograd mechanics docs: in-place through detach() is caught by the version check.
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
out = x.sigmoid()
out.detach().zero_()
print(out._version)
out.sum().backward()
