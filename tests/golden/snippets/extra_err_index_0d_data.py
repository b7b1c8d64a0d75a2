import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (x * x).sum()
print(loss.data)
loss.data[0]
