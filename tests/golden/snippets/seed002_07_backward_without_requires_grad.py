# Without requires_grad=True the gradient cannot be computed: an error.
import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = (x * 2).sum()
print(y)
y.backward()
