import torch

print(torch.tensor([1.0, 2.0]))
print(torch.tensor([[1, 2], [3, 4]]))
print(torch.tensor(5))
print(torch.tensor([1, 2.5]))
print(torch.tensor([True, 1]))
print(torch.tensor([1.0, 2.0], dtype=torch.float64))
print(torch.tensor([1, 2], dtype=torch.float32))
print(torch.tensor(((1.0, 2.0), (3.0, 4.0))))
