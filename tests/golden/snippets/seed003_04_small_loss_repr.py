# The tutorial shows a loss printed as tensor(6.2564e-05, grad_fn=<...>): a
# small value printed in scientific notation with its grad_fn. Same thing
# with a hand-written mean squared error.
import torch

pred = torch.tensor([0.5, 1.25, -0.75], requires_grad=True)
target = torch.tensor([0.51, 1.2436, -0.7545])
loss = ((pred - target) ** 2).mean()
print(loss)
print(loss.item())
loss.backward()
print(pred.grad)
