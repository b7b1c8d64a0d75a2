import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
parts = [v * 2 for v in x]
print(parts)
torch.stack(parts).sum().backward()
print(x.grad)
