# "element 0 of tensors does not require grad": the loss was computed under no_grad.
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    loss = (w * w).sum()
print(loss.requires_grad, loss.grad_fn)
loss.backward()
