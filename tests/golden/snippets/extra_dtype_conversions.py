import torch

x = torch.tensor([1.7, -2.3, 0.5])
print(x.double())
print(x.long())
print(x.int())
print(x.long().float())
print(x.bool())
print(x.to(torch.float64))
print(x.to(dtype=torch.int64))
print(x.type(torch.int32))
print(x.float() is x, x.double().dtype)
