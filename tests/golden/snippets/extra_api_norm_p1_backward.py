import torch

w = torch.tensor([[1.0, -2.0], [0.0, 3.0]], requires_grad=True)
loss = w.norm(p=1)
print(loss)
loss.backward()
print(w.grad)
