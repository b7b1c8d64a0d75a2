import torch

print(torch.tensor([[1.0, 2.5], [3.0, 4.0]]).tolist())
print(torch.tensor([1, 2]).tolist())
print(torch.tensor(3.5).tolist())
print(torch.tensor([True]).tolist())
print(torch.tensor(2.5).item(), torch.tensor(7).item(), torch.tensor([True]).item())
print(type(torch.tensor(2).item()).__name__, type(torch.tensor(2.0).item()).__name__)
print(torch.tensor(0.1).item())
print(torch.tensor(0.1, dtype=torch.float64).item())
print(torch.tensor([1 / 3]).tolist())
