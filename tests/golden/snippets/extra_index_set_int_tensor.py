# An integer tensor keeps its dtype: a float value is truncated, as copy_ does.
import torch

a = torch.tensor([1, 2, 3])
a[0] = 2.7
a[a > 2] = -1
print(a, a.dtype, a._version)
b = torch.zeros(2, dtype=torch.float64)
b[0] = torch.tensor(1.5)
print(b)
