import torch

w = torch.tensor(0.5, requires_grad=True)
h = torch.zeros(1)
for step in range(3):
    h = h.detach() * w + 1
    loss = h.sum()
    loss.backward()
    print(step, w.grad, h.requires_grad)
