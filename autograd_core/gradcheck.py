"""``gradcheck``: compare backward's gradients with finite differences.

The numerical derivative (f(x + ε) − f(x − ε)) / 2ε needs float64: in float32
the two values differ only in their last few bits.
"""
import warnings

import numpy as np


class GradcheckError(RuntimeError):
    __module__ = "autograd_core.autograd.gradcheck"    # where PyTorch's lives (torch.autograd.gradcheck)


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, nondet_tol=0.0,
              check_undefined_grad=True, **_ignored):
    """PyTorch's slow gradcheck, step by step (so that a backward that prints, prints as often):
    the function once; the numerical Jacobian (two calls per input element); for each output
    that requires grad, the analytical Jacobian twice, one backward per output element on that
    same graph (the two must agree: backward is "reentrant"); a backward with zero gradients
    (the result must be zero); and again, from a fresh call, with zero gradients ("undefined")."""
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
    try:
        _check(func, inputs, differentiable, eps, atol, rtol, nondet_tol, check_undefined_grad)
    except GradcheckError:
        if raise_exception:
            raise
        return False
    return True


def _outputs_of(func, args):
    from .tensor import Tensor
    out = func(*args)
    return (out,) if isinstance(out, Tensor) else tuple(out)


def _check(func, inputs, differentiable, eps, atol, rtol, nondet_tol, check_undefined_grad):
    from .autograd import grad
    from .tensor import Tensor

    outputs = _outputs_of(func, inputs)
    numerical = _numerical(func, inputs, differentiable, outputs, eps)   # [output][counted input]
    diff_outputs = [(k, o) for k, o in enumerate(outputs) if isinstance(o, Tensor) and o.requires_grad]
    if not diff_outputs:
        # Nothing to differentiate: then the function must not depend on its inputs at all.
        if any((n != 0).any() for per_output in numerical for n in per_output):
            raise GradcheckError("Numerical gradient for function expected to be zero")
        return
    diff_inputs = [inputs[i] for i in differentiable]
    for o_index, (k, out) in enumerate(diff_outputs):
        first, second = _analytical(out, diff_inputs), _analytical(out, diff_inputs)
        if any(np.abs(a - b).max(initial=0) > nondet_tol for a, b in zip(first, second)):
            raise GradcheckError(
                "Backward is not reentrant, i.e., running backward with same input and grad_output "
                "multiple times gives different values, although analytical gradient matches numerical "
                f"gradient.The tolerance for nondeterminism was {nondet_tol}." + FAILED_NONDET_MSG)
        # PyTorch numbers only the inputs that require grad: "input 0" is the first of those.
        for counted, (x, analytical) in enumerate(zip(diff_inputs, first)):
            if not np.allclose(analytical, numerical[k][counted], rtol=rtol, atol=atol):
                raise GradcheckError(
                    f"Jacobian mismatch for output {o_index} with respect to input {counted},\n"
                    f"numerical:{Tensor._wrap(numerical[k][counted].astype(x.array.dtype))!r}\n"
                    f"analytical:{Tensor._wrap(analytical.astype(x.array.dtype))!r}\n")
    # backward must multiply by the incoming gradient: zeros in, zeros out
    zeros = [Tensor._wrap(np.zeros_like(o.array)) for _, o in diff_outputs]
    for g in grad([o for _, o in diff_outputs], diff_inputs, zeros, allow_unused=True):
        if g is not None and (g.array != 0).any():
            raise GradcheckError("backward not multiplied by grad_output")
    if check_undefined_grad:
        # all the output gradients "undefined" (zeros here); with several outputs, then one at a time
        _undefined_grads(func, inputs, diff_inputs)
        if len(diff_outputs) > 1:
            for _ in diff_outputs:
                _undefined_grads(func, inputs, diff_inputs)


def _undefined_grads(func, inputs, diff_inputs):
    from .autograd import grad
    from .tensor import Tensor
    fresh = [o for o in _outputs_of(func, inputs) if isinstance(o, Tensor) and o.requires_grad]
    zeros = [Tensor._wrap(np.zeros_like(o.array)) for o in fresh]
    for g in grad(fresh, diff_inputs, zeros, allow_unused=True):
        if g is not None and (g.array != 0).any():
            raise GradcheckError(
                    "Expected all input grads to be undefined or zero when all output grads are undefined "
                    'or zero. Please look at "Notes about undefined output gradients" in '
                    '"tools/autograd/derivatives.yaml"')


def _numerical(func, inputs, differentiable, outputs, eps):
    """Central differences, (f(x + ε) − f(x − ε)) / 2ε, for every output at once."""
    from .grad_mode import no_grad
    from .tensor import Tensor
    result = [[None] * len(differentiable) for _ in outputs]
    for counted, i in enumerate(differentiable):
        x = inputs[i]
        columns = [np.zeros((x.array.size, o.array.size if isinstance(o, Tensor) else 0)) for o in outputs]
        with no_grad():
            flat = x.array.reshape(-1)  # a view: nudging it nudges x
            for k in range(flat.size):
                original = flat[k]
                # (copied at once: an output may be a view of x, changed by the next nudge)
                flat[k] = original + eps
                plus = [o.array.astype(np.float64) if isinstance(o, Tensor) else None
                        for o in _outputs_of(func, inputs)]
                flat[k] = original - eps
                minus = [o.array.astype(np.float64) if isinstance(o, Tensor) else None
                         for o in _outputs_of(func, inputs)]
                flat[k] = original
                for o, (p, m) in enumerate(zip(plus, minus)):
                    if p is not None:
                        columns[o][k] = (p.reshape(-1) - m.reshape(-1)) / (2 * eps)
        for o in range(len(outputs)):
            result[o][counted] = columns[o]
    return result


def _analytical(out, diff_inputs):
    """One backward per output element (row j: the vector-Jacobian product with e_j), on out's graph."""
    from .autograd import grad
    from .tensor import Tensor
    jacobians = [np.zeros((x.array.size, out.array.size)) for x in diff_inputs]
    for j in range(out.array.size):
        one_hot = np.zeros(out.array.size, dtype=out.array.dtype)
        one_hot[j] = 1
        grads = grad(out, diff_inputs, Tensor._wrap(one_hot.reshape(out.array.shape)),
                     retain_graph=True, allow_unused=True)
        for jacobian, g in zip(jacobians, grads):
            if g is not None:
                jacobian[:, j] = g.array.reshape(-1)
    return jacobians


FAILED_NONDET_MSG = """\n
NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with `nondet_tol=<tol>` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have `gradcheck_nondet_tol=<tol>`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have `gradcheck_nondet_tol=<tol>`
"""


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
