# tolist() and item() work on tensors that require grad (unlike numpy()).
import torch

x = torch.tensor([1.5, 2.5], requires_grad=True)
print(x.tolist())
print((x * 2).sum().item())
print(x.detach().numpy())
