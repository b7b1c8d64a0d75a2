import torch

print(torch.tensor([1, 2, 3]))
print(torch.tensor([-1, 200, 3]))
print(torch.tensor([[1, -20], [300, 4]]))
print(torch.tensor([True, False]))
print(torch.tensor([[True], [False]]))
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([0, 1], dtype=torch.bool))
