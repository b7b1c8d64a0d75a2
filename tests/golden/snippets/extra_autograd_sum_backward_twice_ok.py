# Backward twice through ops that save no tensors (add of a scalar, sum) does
# not raise; the gradient accumulates.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x + 2).sum()
y.backward()
y.backward()
print(x.grad)
