import torch

print(torch.tensor([-7, 7]) % torch.tensor([2, -2]))
print(torch.tensor([-7, 7]) // torch.tensor([2, -2]))
print(torch.tensor([7]) // torch.tensor([0.0]))
