import torch

x = torch.tensor([0.1, 0.7, 0.2], requires_grad=True)
idx = x.argmax()
print(idx, idx.requires_grad)
loss = idx.float()
loss.backward()
