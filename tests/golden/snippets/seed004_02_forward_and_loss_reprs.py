# The pieces of seed004_01 printed as tensors: forward, loss, grad_fn names.
import torch

w = torch.tensor([1.0], requires_grad = True)
def forward(x):
    return x * w
def loss(y_pred, y_val):
    return (y_pred - y_val) ** 2
y_pred = forward(1.0)
l = loss(y_pred, 2.0)
print(y_pred)
print(l)
l.backward()
print(w.grad)
print(w.grad.data[0])
print(w.data)
