# The warning is shown at each access (the harness shows every warning).
import torch

x = torch.ones(2, requires_grad=True)
y = x + 1
for _ in range(2):
    print(y.grad)
