# mul saves its inputs for backward: a second backward through the freed graph fails.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x * x).sum()
y.backward()
print(x.grad)
y.backward()
