import torch

x = torch.tensor([True, False], requires_grad=True)
