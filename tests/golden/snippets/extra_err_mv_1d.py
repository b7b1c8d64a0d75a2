import torch

torch.ones(3).mv(torch.ones(3))
