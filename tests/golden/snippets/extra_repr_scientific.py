import torch

print(torch.tensor([1e-5, 1.0]))
print(torch.tensor([0.001, 10.0]))
print(torch.tensor([1e9, 1.0]))
print(torch.tensor([1e-10]))
print(torch.tensor([123456789.0, 0.5]))
print(torch.tensor([6.2564e-05]))
