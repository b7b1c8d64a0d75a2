import torch

x = torch.ones(2)
print(x.dtype)
print(x.device)
print(repr(x.device))
print(torch.arange(3).dtype, torch.tensor([True]).dtype)
print(x.to("cpu") is x, x.cpu() is x)
print(torch.device("cpu"))
