import torch

torch.manual_seed(123)
a = torch.randn(3)
torch.manual_seed(123)
b = torch.randn(3)
print(torch.equal(a, b))
