import torch

f = torch.tensor([1.0, 2.0])
i = torch.tensor([1, 2])
print((f * 2.5).dtype, (f * 2).dtype, (2 * f).dtype)
print((i * 0.5).dtype, i * 0.5)
print((i * 2).dtype, i * 2)
print((i + True).dtype)
print((torch.tensor([True, False]) + 1).dtype)
print((torch.tensor([True, False]) * 1.5).dtype)
