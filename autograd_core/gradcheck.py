"""``gradcheck``: compare backward's gradients with finite differences.

The numerical derivative (f(x + ε) − f(x − ε)) / 2ε needs float64: in float32
the two values differ only in their last few bits.
"""
import warnings

import numpy as np


class GradcheckError(RuntimeError):
    __module__ = "autograd_core.autograd.gradcheck"    # where PyTorch's lives (torch.autograd.gradcheck)


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    from .autograd import grad
    from .grad_mode import no_grad
    from .tensor import Tensor

    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    for i, x in enumerate(inputs):
        if isinstance(x, Tensor) and x.requires_grad and x.dtype.name != "float64":
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double precision "
                "floating point or complex. ", UserWarning, stacklevel=2)
    differentiable = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not differentiable:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, "
                         "but none of them have requires_grad=True.")

    def outputs_of(args):
        out = func(*args)
        return (out,) if isinstance(out, Tensor) else tuple(out)

    outputs = outputs_of(inputs)
    if not any(out.requires_grad for out in outputs):
        # Nothing to differentiate: then the function must not depend on its inputs at all.
        return _check_constant(outputs_of, inputs, differentiable, eps, raise_exception)
    for o_index, out in enumerate(outputs):
        if not out.requires_grad:       # (as PyTorch: only differentiable outputs are checked)
            continue
        # PyTorch numbers only the inputs that require grad: "input 0" is the first of those.
        for counted, i in enumerate(differentiable):
            x = inputs[i]
            numerical = np.zeros((x.array.size, out.array.size))
            with no_grad():
                flat = x.array.reshape(-1)  # a view: nudging it nudges x
                for k in range(flat.size):
                    original = flat[k]
                    flat[k] = original + eps
                    plus = outputs_of(inputs)[o_index].array.astype(np.float64).reshape(-1)
                    flat[k] = original - eps
                    minus = outputs_of(inputs)[o_index].array.astype(np.float64).reshape(-1)
                    flat[k] = original
                    numerical[k] = (plus - minus) / (2 * eps)

            # One backward per output element: row j of the Jacobian is a
            # vector-Jacobian product with the one-hot vector e_j.
            analytical = np.zeros_like(numerical)
            for j in range(out.array.size):
                one_hot = np.zeros(out.array.size, dtype=out.array.dtype)
                one_hot[j] = 1
                fresh = outputs_of(inputs)[o_index]
                g, = grad(fresh, x, Tensor._wrap(one_hot.reshape(out.array.shape)), allow_unused=True)
                if g is not None:
                    analytical[:, j] = g.array.reshape(-1)

            if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {o_index} with respect to input {counted},\n"
                    f"numerical:{Tensor._wrap(numerical.astype(x.array.dtype))!r}\n"
                    f"analytical:{Tensor._wrap(analytical.astype(x.array.dtype))!r}\n")
    return True


def _check_constant(outputs_of, inputs, differentiable, eps, raise_exception):
    from .grad_mode import no_grad
    with no_grad():
        for i in differentiable:
            flat = inputs[i].array.reshape(-1)
            for k in range(flat.size):
                original = flat[k]
                flat[k] = original + eps
                plus = [o.array.astype(np.float64) for o in outputs_of(inputs)]
                flat[k] = original - eps
                minus = [o.array.astype(np.float64) for o in outputs_of(inputs)]
                flat[k] = original
                # (PyTorch: torch.allclose(numerical, zeros), its default tolerances)
                if any(not np.allclose((p - m) / (2 * eps), 0) for p, m in zip(plus, minus)):
                    if not raise_exception:
                        return False
                    raise GradcheckError("Numerical gradient for function expected to be zero")
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  raise_exception=True, **_ignored):
    """Second derivatives: gradcheck of the function "inputs, v -> vᵀ·J(inputs)",
    whose backward is the backward of backward (create_graph=True)."""
    from .autograd import grad
    from .grad_mode import enable_grad
    from .random import randn
    from .tensor import Tensor

    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    outputs = func(*inputs)
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    if grad_outputs is None:    # random directions v, one per output, as PyTorch draws them
        grad_outputs = tuple(randn(*o.shape, dtype=o.dtype, requires_grad=True) for o in outputs)
    else:
        grad_outputs = (grad_outputs,) if isinstance(grad_outputs, Tensor) else tuple(grad_outputs)
    n = len(inputs)
    differentiable = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]

    def first_derivatives(*args):
        xs, vs = args[:n], args[n:]
        with enable_grad():     # gradcheck nudges the inputs under no_grad; this needs a graph
            ys = func(*xs)
            ys = (ys,) if isinstance(ys, Tensor) else tuple(ys)
            grads = grad(ys, [xs[i] for i in differentiable], vs, create_graph=True, allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(first_derivatives, inputs + tuple(grad_outputs), eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
