# x[0] = 0 writes through a view of the leaf: PyTorch says "a view of a leaf".
import torch

x = torch.tensor([-1.0, 2.0], requires_grad=True)
x[0] = 0
