import torch

torch.tensor(None)
