# requires: nn
# The tutorial's tensor(6.2564e-05, grad_fn=<MseLossBackward0>), via nn.
import torch
import torch.nn as nn

pred = torch.tensor([0.5, 1.25, -0.75], requires_grad=True)
target = torch.tensor([0.51, 1.2436, -0.7545])
criterion = nn.MSELoss()
loss = criterion(pred, target)
print(loss)
loss.backward()
print(pred.grad)
