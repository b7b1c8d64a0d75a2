# allow-different-message
# Our engine has no CUDA; torch's CPU build raises AssertionError.
import torch

x = torch.ones(2)
x.to("cuda")
