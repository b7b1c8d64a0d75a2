# Full-precision results of small float32 reductions (sum, mean, norm).
import torch

x = torch.linspace(0, 1, 7)
print(x.tolist())
print(x.mean().item(), x.sum().item(), x.norm().item())
print((x ** 2).mean().item())
