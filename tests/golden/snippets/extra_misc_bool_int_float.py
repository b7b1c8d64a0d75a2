import torch

print(bool(torch.tensor(0.0)), bool(torch.tensor([1.0])), bool(torch.tensor(-2)))
print(float(torch.tensor(2.5)), int(torch.tensor(3.9)), int(torch.tensor([7])))
print(torch.tensor(3) == 3, 3 < torch.tensor(4.0))
if torch.tensor(1.0) > 0:
    print("positive")
print(round(float(torch.tensor(1.0) / 3), 4))
