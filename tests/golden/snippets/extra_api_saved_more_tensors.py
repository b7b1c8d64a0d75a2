import torch

a = torch.tensor([[1.0, 2.0]], requires_grad=True)
b = torch.tensor([[3.0], [4.0]], requires_grad=True)
print((a @ b).grad_fn._saved_self is a, (a @ b).grad_fn._saved_mat2 is b)
print(a.log().grad_fn._saved_self is a, a.tanh().grad_fn._saved_result)
print((a / 2).grad_fn._saved_other.shape, (a / 2).grad_fn._saved_self)
print(a.relu().grad_fn._saved_result, a.sin().grad_fn._saved_self is a)
