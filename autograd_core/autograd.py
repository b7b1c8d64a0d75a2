"""``autograd_core.autograd``: the same names as ``torch.autograd``."""
import sys
import warnings

import numpy as np

from .anomaly_mode import detect_anomaly, set_detect_anomaly  # noqa: F401
from .engine import run_backward
from . import autograd_functional as functional  # noqa: F401,E402  (torch.autograd.functional)
from .function import AccumulateGrad, Function, OutputGrads  # noqa: F401  (torch.autograd.Function)
from .gradcheck import GradcheckError, gradcheck, gradgradcheck  # noqa: F401
from .grad_mode import enable_grad, inference_mode, no_grad, set_grad_enabled  # noqa: F401
from .tensor import TRIGGERED_INTERNALLY, Tensor

CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak."
    + TRIGGERED_INTERNALLY.format("torch/csrc/autograd/engine.cpp:1307")
)


# `from torch.autograd.functional import jacobian` works although this is a module, not a package;
# so do torch.autograd.function (once_differentiable) and torch.autograd.gradcheck (GradcheckError),
# whose attribute on torch.autograd is the function gradcheck, as in PyTorch.
sys.modules[__name__ + ".functional"] = functional
sys.modules[__name__ + ".function"] = sys.modules[__package__ + ".function"]
sys.modules[__name__ + ".gradcheck"] = sys.modules[__package__ + ".gradcheck"]
sys.modules[__name__ + ".anomaly_mode"] = anomaly_mode = sys.modules[__package__ + ".anomaly_mode"]
function = sys.modules[__package__ + ".function"]     # torch.autograd.function.once_differentiable
from . import autograd_graph as graph  # noqa: E402  (torch.autograd.graph.saved_tensors_hooks)
sys.modules[__name__ + ".graph"] = graph

# Warnings PyTorch gives once per process (tensor.py adds its own keys).
_warned = {"create_graph": False, "T_not_2d": False, "T_0d": False}


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate d(tensors)/d(leaf) into every leaf's ``.grad``."""
    tensors = _as_tuple(tensors)
    roots, grads = _roots(tensors, _as_tuple(grad_tensors, len(tensors)), "tensors")
    if create_graph and not _warned["create_graph"]:
        _warned["create_graph"] = True              # PyTorch warns once per process
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    if inputs is not None:
        # Only these leaves receive gradients: treat it as autograd.grad, then accumulate.
        inputs = _as_tuple(inputs)
        found = grad(tensors, inputs, grad_tensors, retain_graph, create_graph, allow_unused=True)
        for t, g in zip(inputs, found):
            if g is not None:
                AccumulateGrad(t).accumulate(g, create_graph)
        return
    run_backward(roots, grads, retain_graph if retain_graph is not None else create_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, materialize_grads=False):
    """Return d(outputs)/d(inputs) without touching any ``.grad``."""
    outputs, inputs = _as_tuple(outputs), _as_tuple(inputs)
    roots, grads = _roots(outputs, _as_tuple(grad_outputs, len(outputs)), "tensors")
    targets = []
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
        targets.append(t._edge())
    captured = run_backward(roots, grads, retain_graph if retain_graph is not None else create_graph,
                            create_graph, targets={node for node, _ in targets})
    result = []
    for i, (t, (node, nr)) in enumerate(zip(inputs, targets)):
        g = captured.get(node)
        if type(g) is OutputGrads:          # t is one of several outputs of its grad_fn
            g = g.grads[nr]
        if g is None and not (allow_unused or materialize_grads):
            raise RuntimeError(
                f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                "Set allow_unused=True if this is the desired behavior.")
        if g is None and materialize_grads:
            g = Tensor._wrap(np.zeros_like(t.array))
        elif g is not None and not create_graph:
            g = g.detach()
        result.append(g)
    return tuple(result)


def _roots(outputs, grad_outputs, what):
    """Check each output and its starting gradient, as PyTorch does."""
    roots, grads = [], []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if not out.requires_grad:
            raise RuntimeError(f"element {i} of {what} does not require grad and does not have a grad_fn")
        if g is None:
            if out.array.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if not out.dtype.is_floating_point:
                raise RuntimeError(
                    f"grad can be implicitly created only for real scalar outputs but got {out.dtype}")
            g = Tensor._wrap(np.ones_like(out.array))
        else:
            if not isinstance(g, Tensor):
                raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
            if g.array.shape != out.array.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of torch.Size({list(g.array.shape)}) "
                    f"and output[{i}] has a shape of torch.Size({list(out.array.shape)}).")
        node, nr = out._edge()
        if node._output_meta is None:   # one of several outputs: OutputGrads (see function.py)
            g = OutputGrads.at(nr, g, len(node._output_metas))
        roots.append(node)
        grads.append(g)
    return roots, grads


def _as_tuple(value, length=None):
    if value is None:
        return (None,) * (length or 1)
    if isinstance(value, Tensor):
        return (value,)
    return tuple(value)


# -- torch.autograd.Variable: the old wrapper, kept by PyTorch for old code --------------------

class _VariableMeta(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, Tensor)       # every tensor is a Variable, as in PyTorch


class Variable(metaclass=_VariableMeta):
    """``Variable(x, requires_grad=True)``, from code written before PyTorch 0.4: a tensor
    sharing x's values, with no history (a leaf), that requires grad if asked to."""

    def __new__(cls, data, requires_grad=False, volatile=None):
        if volatile is not None:
            warnings.warn("volatile was removed and now has no effect. Use `with torch.no_grad():` instead.",
                          UserWarning, stacklevel=2)
        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if requires_grad and not data.dtype.is_floating_point:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        leaf = Tensor._wrap(data.array)
        leaf._requires_grad = bool(requires_grad)
        return leaf
