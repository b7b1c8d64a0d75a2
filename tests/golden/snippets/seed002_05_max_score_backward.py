# out has 7 elements, max_score is a scalar: backward on max_score works.
import torch

x = torch.tensor([0.1, 0.5, -0.2, 0.9, 0.3, -0.7, 0.0], requires_grad=True)
out = x * 2
max_score = out.max()
print(max_score)
max_score.backward()
print(x.grad)
