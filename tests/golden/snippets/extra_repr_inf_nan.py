import torch

print(torch.tensor([float("inf"), -float("inf"), float("nan"), 1.0]))
print(torch.tensor([float("nan"), 1.5]))
print(torch.tensor(float("inf")))
print(torch.tensor([1.0, 2.0]) / 0)
print(torch.tensor([0.0]) / 0)
