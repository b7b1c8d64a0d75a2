"""``autograd_core.autograd.functional``: jacobian and hessian as ``torch.autograd.functional``.

Reverse mode, one backward pass per element of the output: row j of the Jacobian is the
gradient of ``out.reshape(-1)[j]``, the vector-Jacobian product with the one-hot vector e_j.
That is PyTorch's non-vectorized path; ``vectorize=True`` gives the same numbers by the same loop.
"""
from . import autograd as _autograd
from .creation import zeros_like
from .grad_mode import enable_grad
from .ops.shape import stack
from .tensor import Tensor

_STRATEGY_HINT = (
    'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your '
    'function has more outputs than inputs, "forward-mode" tends to be more performant. '
    'Otherwise, prefer to use "reverse-mode".')


def _as_tuple(value, arg_name, fn_name):
    """(was it a tuple, the tuple of tensors); anything but tensors is refused as PyTorch does."""
    is_tuple = isinstance(value, tuple)
    items = value if is_tuple else (value,)
    for i, el in enumerate(items):
        if not isinstance(el, Tensor):
            where = f"the value at index {i}" if is_tuple else f"the given {arg_name}"
            raise TypeError(f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple of "
                            f"Tensors but {where} has type {type(el)}.")
    return is_tuple, items


def _unpack(res, outputs_tuple, inputs_tuple):
    """Undo the tuples the user did not give: a single output and input give one tensor."""
    if not inputs_tuple:
        res = tuple(row[0] for row in res)
    return res if outputs_tuple else res[0]


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """Jacobian of ``func`` at ``inputs``: shape ``out.shape + inp.shape`` for each pair."""
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(_STRATEGY_HINT)
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(
                "torch.autograd.functional.jacobian: `create_graph=True` and "
                '`strategy="forward-mode"` are not supported together (yet). Please either set '
                '`create_graph=False` or `strategy="reverse-mode"`.')
        if not vectorize:
            raise NotImplementedError(          # PyTorch's message, missing space included
                "Computing Jacobian using forward-AD or forward-over-reverse Hessian is"
                "only implemented for `vectorize=True`.")
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        # Fresh tensors, so the function's captured copies of the inputs are not differentiated;
        # a differentiable view keeps the path back to the caller's tensors for create_graph.
        inputs = tuple(t.view_as(t) if create_graph and t.requires_grad else t.detach().requires_grad_(True)
                       for t in inputs)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function",
                                           "jacobian")
        for i, out in enumerate(outputs):
            if strict and not out.requires_grad:
                raise RuntimeError(
                    f"Output {i} of the user-provided function does not require gradients. The outputs "
                    "must be computed in a differentiable manner from the input when running in strict mode.")
        if vectorize and strict:
            raise RuntimeError(
                "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not "
                "supported together. Please either set `strict=False` or `vectorize=False`.")
        jac = []
        for i, out in enumerate(outputs):
            rows = [[] for _ in inputs]          # rows[k][j]: d out_j / d inputs[k]
            for j in range(out.nelement()):
                grads = (_autograd.grad(out.reshape(-1)[j], inputs, retain_graph=True,
                                        create_graph=create_graph, allow_unused=True)
                         if out.requires_grad else (None,) * len(inputs))
                for k, (g, inp) in enumerate(zip(grads, inputs)):
                    if g is None:                # out does not depend on this input: a zero row
                        if strict:
                            raise RuntimeError(f"Output {i} of the user-provided function is independent "
                                               f"of input {k}. This is not allowed in strict mode.")
                        g = zeros_like(inp)
                    elif strict and create_graph and not g.requires_grad:
                        raise RuntimeError(f"The jacobian of the user-provided function is independent of "
                                           f"input {i}. This is not allowed in strict mode when create_graph=True.")
                    rows[k].append(g)
            jac.append(tuple(stack(r, dim=0).view(tuple(out.shape) + tuple(inp.shape))
                             for r, inp in zip(rows, inputs)))
        if not create_graph:
            jac = [tuple(t.detach() for t in row) for row in jac]
        return _unpack(tuple(jac), outputs_tuple, inputs_tuple)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """Hessian of a scalar ``func``: the Jacobian of its gradient (built with create_graph=True)."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def single_output(*inp):
        out = func(*inp)
        out_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        for i, o in enumerate(outs):
            if strict and not o.requires_grad:
                raise RuntimeError(
                    f"Output {i} of the user-provided function does not require gradients. The outputs "
                    "must be computed in a differentiable manner from the input when running in strict mode.")
        if out_tuple:
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.nelement() != 1:
            raise RuntimeError(
                "The Tensor returned by the function given to hessian should contain a single element")
        return out.squeeze()

    def gradient(*inp):
        grads = jacobian(single_output, inp, create_graph=True)
        for i, g in enumerate(grads):
            if strict and not g.requires_grad:
                raise RuntimeError(
                    "While computing the hessian, found that the jacobian of the user-provided function "
                    f"with respect to input {i} is independent of the input. This is not allowed in strict "
                    "mode. You should ensure that your function is twice differentiable and that the "
                    "jacobian depends on the inputs (this would be violated by a linear function for example).")
        return grads

    res = jacobian(gradient, inputs, create_graph=create_graph, strict=strict, vectorize=vectorize,
                   strategy=outer_jacobian_strategy)
    return _unpack(res, inputs_tuple, inputs_tuple)
