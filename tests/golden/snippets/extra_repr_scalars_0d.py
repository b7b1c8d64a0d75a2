import torch

print(torch.tensor(3.0))
print(torch.tensor(3))
print(torch.tensor(True))
print(torch.tensor(-0.5))
print(torch.tensor(1e-5))
print(torch.tensor(123456789.0))
print(torch.tensor(2.0, dtype=torch.float64))
