# What may stand on the right of x[index] = ...: numbers, tensors (dtype rules), not lists.
import torch, numpy as np
def show(label, f):
    try:
        f(); print(label, "ok")
    except Exception as e: print(label, type(e).__name__, e)
z = torch.zeros(3)
show("np", lambda: z.__setitem__(slice(0, 2), np.array([1., 2.])))
show("tuple", lambda: z.__setitem__(slice(0, 2), (1., 2.)))
show("np scalar", lambda: z.__setitem__(0, np.float64(2.)))
show("f64 1elt list", lambda: z.__setitem__([0], torch.tensor([1.], dtype=torch.float64)))
show("f64 0d list", lambda: z.__setitem__([0], torch.tensor(1., dtype=torch.float64)))
show("f64 2 mask", lambda: z.__setitem__(torch.tensor([True, True, False]), torch.tensor([1., 2.], dtype=torch.float64)))
show("i64 2 list", lambda: z.__setitem__([0, 1], torch.tensor([1, 2])))
show("f64 slice", lambda: z.__setitem__(slice(0, 2), torch.tensor([1., 2.], dtype=torch.float64)))
a = torch.zeros(3, dtype=torch.int64)
show("int<-float list", lambda: a.__setitem__([0, 1], torch.tensor([1., 2.])))
print(z, a)
b = torch.zeros(3)
b[b > -1] = torch.tensor([5], dtype=torch.int64)   # one value by a mask: cast
print(b)
