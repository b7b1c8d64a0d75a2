import numpy as np
import torch

a = np.array([1.0, 2.0])
t = torch.from_numpy(a)
print(t)
a[0] = 10.0
print(t)
print(torch.as_tensor(np.array([1, 2])))
print(torch.as_tensor([1.0, 2.0]))
print(torch.tensor(np.array([1.5], dtype=np.float32)))
print(torch.tensor(np.float64(2.0)))
n = torch.tensor([1.0, 2.0]).numpy()
print(n, n.dtype)
print(torch.tensor([[1, 2]]).numpy())
