import torch

print(torch.float32.is_floating_point, torch.int64.is_floating_point)
print(torch.tensor([1.0]).is_floating_point(), torch.tensor([1]).is_floating_point())
print(torch.float, torch.double, torch.long, torch.int, torch.bool)
print(torch.float32 == torch.float, torch.int64 == torch.long)
