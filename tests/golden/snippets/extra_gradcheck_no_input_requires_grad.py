import torch

x = torch.tensor([1.0, 2.0], dtype=torch.float64)
torch.autograd.gradcheck(torch.sin, (x,))
