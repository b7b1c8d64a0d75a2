# Basic indexing gives views (sharing memory and version); advanced indexing copies.
import torch

b = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
for name, part in [("b[0]", b[0]), ("b[:, 1]", b[:, 1]), ("b[...]", b[...]), ("b[None]", b[None]),
                   ("b[[0]]", b[[0]]), ("b[b > 1]", b[b > 1]), ("b[torch.tensor([1])]", b[torch.tensor([1])])]:
    print(name, part._is_view(), part._base is b)
v = b[0]
v += 10
print(b, b._version, v._version)
c = b[[0]]
c += 100
print(b, b._version, c._version)
