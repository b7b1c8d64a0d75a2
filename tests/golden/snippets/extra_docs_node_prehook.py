# torch.autograd.graph.Node.register_prehook: hook(grad_outputs) -> new grad_outputs.
import torch

a = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
b = a.clone()
handle = b.grad_fn.register_prehook(lambda gI: (gI[0] * 2,))
b.sum().backward(retain_graph=True)
print(a.grad)
handle.remove()
a.grad = None
b.sum().backward(retain_graph=True)
print(a.grad)
print(type(handle).__name__)
