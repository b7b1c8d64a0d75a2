import torch

i = torch.tensor([1, 2, 3])
print(i / 2)
print(i / i)
print((i / i).dtype)
print(i // 2)
print(7 / torch.tensor(2))
print(torch.tensor(7) / torch.tensor(2))
