import torch

print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([1.5, 2.0, -3.25]))
print(torch.tensor([3.14159265, 2.71828]))
print(torch.tensor([-1.0, 2.0]))
print(torch.tensor([0.1, 0.25, 100.0]))
print(torch.tensor([1.0, 1000.0]))
print(torch.tensor([100000.0, 2.0]))
print(torch.tensor([0.0, -0.0]))
