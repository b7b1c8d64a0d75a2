# Summing losses for logging keeps their graphs alive; .item() does not.
import torch

w = torch.tensor(1.0, requires_grad=True)
total, total_item = 0, 0.0
for step in range(3):
    loss = (w - step) ** 2
    total = total + loss
    total_item += loss.item()
print(total, total_item, type(total_item).__name__)
