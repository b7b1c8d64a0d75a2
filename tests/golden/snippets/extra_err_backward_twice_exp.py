# exp saves its result for backward.
import torch

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = x.exp().sum()
y.backward()
print(x.grad)
y.backward()
