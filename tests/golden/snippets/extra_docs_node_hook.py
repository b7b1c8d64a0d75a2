# torch.autograd.graph.Node.register_hook: hook(grad_inputs, grad_outputs) -> new grad_inputs.
import torch

a = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
b = a.clone()
handle = b.grad_fn.register_hook(lambda gI, gO: (gO[0] * 2,))
b.sum().backward(retain_graph=True)
print(a.grad)
handle.remove()
a.grad = None
b.sum().backward(retain_graph=True)
print(a.grad)
