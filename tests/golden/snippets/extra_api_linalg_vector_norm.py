import torch

x = torch.tensor([[3.0, 4.0], [-6.0, 8.0]], requires_grad=True)
print(torch.linalg.vector_norm(x))
print(torch.linalg.vector_norm(x, ord=1))
print(torch.linalg.vector_norm(x, ord=float("inf"), dim=1))
print(torch.linalg.vector_norm(x, 2, dim=0, keepdim=True))
torch.linalg.vector_norm(x, ord=1).backward()
print(x.grad)
