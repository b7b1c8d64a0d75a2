# relu_ saves its result, which is the tensor itself: a later change is caught.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
y = x * 1
y.relu_()
y.add_(1)
print(y._version)
y.sum().backward()
