# seed003_01 with the tutorial's intended w.grad (attribute access).
import torch

w = torch.tensor(2.0, requires_grad=True)
y = w**2
z = 10*y + 25
z.backward()
print(w.grad)
# output : tensor(40.)
