# Labels as integers, predictions as floats: the integer cast of a prediction gives no gradient.
import torch

w = torch.tensor([0.2, 0.9], requires_grad=True)
pred = w * 3
label = (pred + 0.5).long()
print(label, label.requires_grad)
loss = ((pred - label) ** 2).sum()
loss.backward()
print(w.grad)
