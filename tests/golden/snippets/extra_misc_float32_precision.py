# float32 arithmetic rounding shows in .item() and tolist(). Only correctly
# rounded operations (+ - * / sqrt) are printed at full precision here.
import torch

x = torch.tensor([0.1, 0.2, 0.3])
print(x.sum().item())
print((x * 3).tolist())
print((x[0] + x[1]).item(), (x[0] + x[1] == x[2]).item())
print(torch.tensor(2.0).sqrt().item(), torch.tensor([2.0, 3.0]).sqrt().tolist())
print((torch.tensor([1.0, 2.0, 3.0]) / 3).tolist())
print((torch.tensor([1.0, 2.0, 3.0]) * 0.1).tolist())
