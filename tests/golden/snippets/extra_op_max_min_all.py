import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 0.0]], requires_grad=True)
print(x.max(), x.min())
print(torch.max(x), torch.min(x))
(x.max() + x.min()).backward()
print(x.grad)
