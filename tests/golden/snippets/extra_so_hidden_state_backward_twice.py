# An RNN-style loop that keeps the previous step's graph.
import torch

w = torch.tensor(0.5, requires_grad=True)
h = torch.zeros(1)
for step in range(2):
    h = h * w + 1
    loss = h.sum()
    loss.backward()
    print(step, w.grad)
