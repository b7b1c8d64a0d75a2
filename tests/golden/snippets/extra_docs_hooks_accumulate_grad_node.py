import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
acc = (a * 1).grad_fn.next_functions[0][0]
acc.register_prehook(lambda gO: print("pre", gO))
acc.register_hook(lambda gI, gO: print("post", gI, gO, a.grad))
(a * 3).sum().backward()
print(a.grad)
