import torch

x = torch.arange(6.0).reshape(2, 3)
t = x.t()
print(t.is_contiguous(), x.is_contiguous(), t.contiguous().is_contiguous())
print(t.contiguous().view(6))
print(t.reshape(6))
