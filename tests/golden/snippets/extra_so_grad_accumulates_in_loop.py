# "My gradients keep growing": backward adds into .grad.
import torch

w = torch.tensor(1.0, requires_grad=True)
for step in range(3):
    loss = 2 * w
    loss.backward()
    print(step, w.grad)
