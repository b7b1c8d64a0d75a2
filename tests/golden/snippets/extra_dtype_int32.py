import torch

a = torch.tensor([1, 2], dtype=torch.int32)
print(a)
print(a + 1)
print(a + torch.tensor([1, 2]))
print(a * 1.5)
print(a.dtype, (a + 1).dtype)
