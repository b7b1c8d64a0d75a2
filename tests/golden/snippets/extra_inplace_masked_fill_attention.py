# The attention-mask pattern: scores.masked_fill(mask == 0, -inf) before softmax.
import torch

scores = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]], requires_grad=True)
mask = torch.tensor([[1, 1, 0], [1, 0, 0]])
masked = scores.masked_fill(mask == 0, float("-inf"))
print(masked)
weights = torch.softmax(masked, dim=-1)
print(weights)
(weights * torch.tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])).sum().backward()
print(scores.grad)
