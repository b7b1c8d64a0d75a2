import torch

x = torch.tensor([3.0, 1.0, 2.0])
print(sum(x))
print(max(x))
print(abs(torch.tensor([-1.0, 2.0])))
print(-torch.tensor([1, 2]))
print(torch.tensor([1.0, 2.0]) % 2)
