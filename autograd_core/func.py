"""``torch.func``'s gradient transforms (grad, grad_and_value, vjp, jacrev, hessian), written
on autograd: each call differentiates with fresh copies of the chosen arguments, keeping
the graph (create_graph=True) so that the transforms nest (``grad(grad(f))``); at the
outermost level the results are detached, unless the caller's tensors require grad.
There is no vmap: autograd_core has no batching."""
from . import autograd as _autograd
from .autograd_functional import hessian as _hessian
from .autograd_functional import jacobian as _jacobian
from .creation import zeros_like
from .grad_mode import enable_grad
from .tensor import Tensor

_depth = [0]     # how many transforms are running, one inside the other


def grad_and_value(func, argnums=0, has_aux=False):
    def wrapper(*args, **kwargs):
        numbers = argnums if isinstance(argnums, tuple) else (argnums,)
        for n in numbers:
            if n >= len(args):
                raise RuntimeError(f"Got argnum={n}, but only {len(args)} positional inputs")
        caller_graph = [isinstance(args[n], Tensor) and args[n].requires_grad for n in numbers]
        _depth[0] += 1
        try:
            with enable_grad():
                args = list(args)
                for n in numbers:      # the function's own copy: a view keeps an outer graph
                    a = args[n]
                    args[n] = a.view_as(a) if a.requires_grad else a.detach().requires_grad_(True)
                out = func(*args, **kwargs)
                aux = None
                if has_aux:
                    out, aux = out
                if not isinstance(out, Tensor) or out.ndim != 0:
                    dims = out.ndim if isinstance(out, Tensor) else 0
                    raise RuntimeError(
                        f"grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor "
                        f"with {dims} dims. Maybe you wanted to use the vjp or jacrev APIs instead?")
                inputs = [args[n] for n in numbers]
                if out.requires_grad and out.dtype.is_floating_point:
                    grads = _autograd.grad(out, inputs, create_graph=True, allow_unused=True)
                    grads = [zeros_like(x) if g is None else g for g, x in zip(grads, inputs)]
                else:                  # the output does not depend on the inputs
                    grads = [zeros_like(x) for x in inputs]
        finally:
            _depth[0] -= 1
        if _depth[0] == 0:             # the outermost transform: only the caller's graph is kept
            grads = [g if keep else g.detach() for g, keep in zip(grads, caller_graph)]
            if not any(caller_graph):
                out, aux = out.detach(), _detached(aux)
        grads = tuple(grads) if isinstance(argnums, tuple) else grads[0]
        value = (out, aux) if has_aux else out
        return grads, value
    return wrapper


def _detached(value):
    if isinstance(value, Tensor):
        return value.detach()
    if isinstance(value, (tuple, list)):
        return type(value)(_detached(v) for v in value)
    return value


def grad(func, argnums=0, has_aux=False):
    """``grad(f)(x)``: the gradient of a scalar f at x (with has_aux: (gradient, aux))."""
    transformed = grad_and_value(func, argnums, has_aux)

    def wrapper(*args, **kwargs):
        grads, value = transformed(*args, **kwargs)
        return (grads, value[1]) if has_aux else grads
    return wrapper


def vjp(func, *primals, has_aux=False):
    """(func(*primals), vjp_fn): vjp_fn(v) is the tuple of vᵀ·J, one per primal."""
    with enable_grad():
        inputs = [p.view_as(p) if p.requires_grad else p.detach().requires_grad_(True) for p in primals]
        out = func(*inputs)
        aux = None
        if has_aux:
            out, aux = out

    def vjp_fn(*cotangents):
        outs = out if isinstance(out, tuple) else (out,)
        with enable_grad():
            grads = _autograd.grad(outs, inputs, cotangents, retain_graph=True, allow_unused=True)
        return tuple(zeros_like(x) if g is None else g.detach() for g, x in zip(grads, inputs))

    shown = tuple(o.detach() for o in out) if isinstance(out, tuple) else out.detach()
    return (shown, vjp_fn, aux) if has_aux else (shown, vjp_fn)


def jacrev(func, argnums=0):
    """The Jacobian of func with respect to argument ``argnums`` (reverse mode, row by row)."""
    def wrapper(*args):
        numbers = argnums if isinstance(argnums, tuple) else (argnums,)

        def of_chosen(*chosen):
            full = list(args)
            for n, c in zip(numbers, chosen):
                full[n] = c
            return func(*full)
        chosen = tuple(args[n] for n in numbers)
        result = _jacobian(of_chosen, chosen)
        return result if isinstance(argnums, tuple) else result[0]
    return wrapper


def hessian(func, argnums=0):
    def wrapper(*args):
        def of_chosen(x):
            full = list(args)
            full[argnums] = x
            return func(*full)
        return _hessian(of_chosen, args[argnums])
    return wrapper
