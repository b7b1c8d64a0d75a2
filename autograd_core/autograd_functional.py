"""``autograd_core.autograd.functional``: jacobian, hessian, vjp, jvp, vhp, hvp as ``torch.autograd.functional``.

Reverse mode, one backward pass per element of the output: row j of the Jacobian is the
gradient of ``out.reshape(-1)[j]``, the vector-Jacobian product with the one-hot vector e_j.
That is PyTorch's non-vectorized path; ``vectorize=True`` gives the same numbers by the same loop.
"""
import contextlib

from . import autograd as _autograd
from .creation import zeros_like
from .grad_mode import enable_grad, is_grad_enabled, set_grad_enabled
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


# -- vjp, jvp, vhp, hvp: one product each, without building the whole matrix ------------------
# As PyTorch computes them: vjp is one backward pass (vᵀJ); jvp is the "double backward trick":
# g(u) = uᵀJ is linear in u, so the gradient of g(u)·v with respect to u is J v (one backward
# pass through the backward graph, made with create_graph=True). vhp is the backward of the
# gradient (vᵀH), hvp the same trick once more (H v).

def _fresh(inputs, create_graph, need_graph):
    """The function's own copies of the inputs: a differentiable view when create_graph keeps
    the path back to the caller's tensors, else detached leaves."""
    return tuple(t.view_as(t) if create_graph and t.requires_grad else t.detach().requires_grad_(need_graph)
                 for t in inputs)


def _check_v(v, others, others_tuple):
    if len(others) != len(v):
        if others_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(others)} but got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (a, b) in enumerate(zip(v, others)):
        if a.shape != b.shape:
            where = f"Entry {i} in " if others_tuple else ""
            raise RuntimeError(f"{where}v has invalid size: should be torch.Size({list(b.shape)}) "
                               f"but got torch.Size({list(a.shape)}).")


def _vector(v, others, others_tuple, fn_name, create_graph, none_message):
    if v is None:
        if len(others) != 1 or others[0].nelement() != 1:
            raise RuntimeError(none_message)
        return None
    _, v = _as_tuple(v, "v", fn_name)
    v = _fresh(v, create_graph, need_graph=False)
    _check_v(v, others, others_tuple)
    return v


_V_FOR_OUTPUT = ("The vector v can only be None if the user-provided function returns a single Tensor "
                 "with a single element.")
_V_FOR_INPUT = ("The vector v can only be None if the input to the user-provided function is a single "
                "Tensor with a single element.")


def _require_grad(tensors, kind, strict):
    """strict=True: PyTorch's error for the first tensor that does not depend on the inputs."""
    if not strict:
        return
    for i, t in enumerate(tensors):
        if t is None:
            raise RuntimeError(f"The output of the user-provided function is independent of input {i}. "
                               "This is not allowed in strict mode.")
        if t.requires_grad:
            continue
        raise RuntimeError({
            "hessian": f"The hessian of the user-provided function with respect to input {i} is independent "
                       "of the input. This is not allowed in strict mode. You should ensure that your function "
                       "is thrice differentiable and that the hessian depends on the inputs.",
            "jacobian": f"While computing the hessian, found that the jacobian of the user-provided function "
                        f"with respect to input {i} is independent of the input. This is not allowed in strict "
                        "mode. You should ensure that your function is twice differentiable and that the "
                        "jacobian depends on the inputs (this would be violated by a linear function for example).",
            "grad_inputs": f"The gradient with respect to input {i} is independent of the inputs of the "
                           "user-provided function. This is not allowed in strict mode.",
            "outputs": f"Output {i} of the user-provided function does not require gradients. The outputs must "
                       "be computed in a differentiable manner from the input when running in strict mode.",
        }[kind])


def _grad(outputs, inputs, grad_outputs=None, create_graph=False):
    """autograd.grad of the outputs that are in the graph at all (None for every input if none is)."""
    grad_outputs = (None,) * len(outputs) if grad_outputs is None else grad_outputs
    kept = [(o, g) for o, g in zip(outputs, grad_outputs) if o is not None and o.requires_grad]
    if not kept:
        return (None,) * len(inputs)
    return _autograd.grad([o for o, _ in kept], inputs, [g for _, g in kept], allow_unused=True,
                          create_graph=create_graph)


_INDEPENDENT = {
    "back": "The output of the user-provided function is independent of input {i}. This is not allowed in "
            "strict mode.",
    "back_trick": "The gradient with respect to the input is independent of entry {i} in the grad_outputs "
                  "when using the double backward trick to compute forward mode gradients. This is not "
                  "allowed in strict mode.",
    "double_back": "The jacobian of the user-provided function is independent of input {i}. This is not "
                   "allowed in strict mode.",
    "double_back_trick": "The hessian of the user-provided function is independent of entry {i} in the "
                         "grad_jacobian. This is not allowed in strict mode as it prevents from using the "
                         "double backward trick to replace forward mode AD.",
}


def _zeros_for_none(grads, like, strict, create_graph, stage):
    result = []
    for i, g in enumerate(grads):
        if g is None:
            if strict:
                raise RuntimeError(_INDEPENDENT[stage].format(i=i))
            g = zeros_like(like[i])
        elif strict and create_graph and not g.requires_grad:
            what = "hessian" if "double" in stage else "jacobian"
            raise RuntimeError(f"The {what} of the user-provided function is independent of input {i}. "
                               "This is not allowed in strict mode when create_graph=True.")
        result.append(g)
    return tuple(result)


def _finish(outputs, outputs_tuple, products, products_tuple, create_graph):
    if not create_graph:
        outputs, products = tuple(o.detach() for o in outputs), tuple(p.detach() for p in products)
    return (outputs if outputs_tuple else outputs[0]), (products if products_tuple else products[0])


def _scalar_output(func, inputs, fn_name, strict):
    outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", fn_name)
    _require_grad(outputs, "outputs", strict)
    if outputs_tuple:
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if outputs[0].nelement() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {fn_name} should contain a single element")
    return outputs


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), vᵀ·J): one backward pass from the outputs, weighted by v."""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "vjp")
        _require_grad(outputs, "outputs", strict)
        v = _vector(v, outputs, outputs_tuple, "vjp", create_graph, _V_FOR_OUTPUT)
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        products = _zeros_for_none(_grad(outputs, inputs, v, create_graph), inputs, strict, create_graph, "back")
    return _finish(outputs, outputs_tuple, products, inputs_tuple, create_graph)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J·v), by the double backward trick."""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        v = _vector(v, inputs, inputs_tuple, "jvp", create_graph, _V_FOR_INPUT)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jvp")
        _require_grad(outputs, "outputs", strict)
        # u: any value works (the gradient uᵀJ is linear in u), as long as it is finite
        u = tuple(zeros_like(o, requires_grad=True) for o in outputs)
        uJ = _grad(outputs, inputs, u, create_graph=True)
        _require_grad(uJ, "grad_inputs", strict)
    with enable_grad() if create_graph else contextlib.nullcontext():
        products = _zeros_for_none(_grad(uJ, u, v, create_graph), outputs, strict, create_graph, "back_trick")
    return _finish(outputs, outputs_tuple, products, outputs_tuple, create_graph)


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), vᵀ·H) for a scalar func: the backward pass of its gradient, weighted by v."""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vhp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        v = _vector(v, inputs, inputs_tuple, "vhp", create_graph, _V_FOR_INPUT)
        outputs = _scalar_output(func, inputs, "vhp", strict)
        gradient = _grad(outputs, inputs, create_graph=True)
        _require_grad(gradient, "jacobian", strict)
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        products = _zeros_for_none(_grad(gradient, inputs, v, create_graph), inputs, strict, create_graph,
                                   "double_back")
    return _finish(outputs, False, products, inputs_tuple, create_graph)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H·v) for a scalar func: the double backward trick on its gradient."""
    with enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hvp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        v = _vector(v, inputs, inputs_tuple, "hvp", create_graph, _V_FOR_INPUT)
        outputs = _scalar_output(func, inputs, "hvp", strict)
        gradient = _grad(outputs, inputs, create_graph=True)
        _require_grad(gradient, "jacobian", strict)
        u = tuple(zeros_like(t, requires_grad=True) for t in inputs)
        uH = _grad(gradient, inputs, u, create_graph=True)
        _require_grad(gradient, "hessian", strict)     # (PyTorch checks the gradient again here)
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        products = _zeros_for_none(_grad(uH, u, v, create_graph), inputs, strict, create_graph,
                                   "double_back_trick")
    return _finish(outputs, False, products, inputs_tuple, create_graph)

