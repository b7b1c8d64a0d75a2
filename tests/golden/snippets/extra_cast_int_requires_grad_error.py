import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
n = x.int()
n.requires_grad_()
