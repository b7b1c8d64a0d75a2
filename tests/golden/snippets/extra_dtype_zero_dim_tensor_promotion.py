# A 0-dim tensor takes part in type promotion like a Python scalar unless it
# is of a higher category (bool < int < float).
import torch

f32 = torch.tensor([1.0, 2.0])
i64 = torch.tensor([1, 2])
print((f32 * torch.tensor(2.0, dtype=torch.float64)).dtype)
print((i64 * torch.tensor(2.5, dtype=torch.float64)).dtype)
print((i64 * torch.tensor(2.5)).dtype)
print((torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(3)).dtype)
print((torch.tensor(2.0, dtype=torch.float64) * torch.tensor(3.0)).dtype)
