# Gradient descent kept non-negative: w.clamp_(min=0) after each step, under no_grad.
import torch

w = torch.tensor([0.3, -0.2, 1.0], requires_grad=True)
target = torch.tensor([-1.0, 0.5, 0.8])
for step in range(3):
    loss = ((w - target) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.25 * w.grad
        w.clamp_(min=0)
        w.grad.zero_()
    print(step, w, w._version, round(loss.item(), 4))
