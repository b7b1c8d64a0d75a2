# After an addition nothing needs the old values: in-place ReLU is fine there.
import torch

x = torch.tensor([[0.5, -1.0]], requires_grad=True)
h = x * 2 + 0.5
h.relu_()
print(h, h.grad_fn)
(h * h).sum().backward()
print(x.grad)
