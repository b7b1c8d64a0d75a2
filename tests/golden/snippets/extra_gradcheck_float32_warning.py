import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)   # float32
ok = torch.autograd.gradcheck(torch.sin, (x,), raise_exception=False)
print(ok)
print(torch.autograd.gradcheck(torch.sin, (x.double(),)))
print(torch.autograd.gradcheck(torch.sin, (x,), eps=1e-2, atol=1e-2))
