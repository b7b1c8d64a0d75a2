# A view of a weight kept across an optimizer step: the step is one more version.
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
row = w[0:1]
loss = (w * w).sum()
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad
print(w, w._version, row, row._version)
print(row.grad_fn)
