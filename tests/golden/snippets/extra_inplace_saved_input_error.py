# sin saved y; relu_ on y afterwards is caught.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
y = x * 1
z = y.sin()
y.relu_()
z.sum().backward()
