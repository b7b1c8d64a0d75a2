"""``Function``: one differentiable operation, written the way PyTorch teaches it.

    class Mul(Function):
        @staticmethod
        def forward(ctx, a, b):          # a, b are Tensors; compute with NumPy
            ctx.save_for_backward(a, b)
            return a.array * b.array
        @staticmethod
        def backward(ctx, grad):         # grad is a Tensor: dL/d(output)
            a, b = ctx.saved_tensors
            return grad * b, grad * a    # dL/da, dL/db

Every operation in autograd_core is such a class, and so are students' custom
functions.  ``forward`` computes values; ``backward`` is written with Tensor
operations, so that it can itself be differentiated (``create_graph=True``).

When ``apply`` records an operation it creates a *node*: an instance of the
function's backward class (``MulBackward0``).  The node is also the ``ctx`` that
``forward`` sees, and it becomes the output's ``grad_fn``.
"""
import re

from .grad_mode import _State
from .tensor import Tensor

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved "
    "tensors after they have already been freed). Saved intermediate values of the "
    "graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or "
    "if you need to access saved tensors after calling backward."
)


class Node:
    """A step of the backward graph (PyTorch: ``torch.autograd.graph.Node``)."""

    __slots__ = ("next_functions", "needs_input_grad", "_tensor_args", "_input_meta",
                 "_saved", "_saved_versions", "_saved_outputs", "_pre_hooks", "_retained", "__dict__",
                 "__weakref__")

    def __init__(self):
        self._saved = ()
        self._saved_outputs = ()
        self._pre_hooks = None
        self._retained = None

    def name(self):
        return type(self).__name__

    # -- saved tensors --------------------------------------------------------
    def save_for_backward(self, *tensors):
        self._saved = tensors
        # Remember each tensor's version: an in-place change after this point
        # would silently corrupt the gradient, so backward checks it.
        self._saved_versions = tuple(t._version if t is not None else 0 for t in tensors)

    @property
    def saved_tensors(self):
        saved = self._saved
        if saved is None:
            raise RuntimeError(FREED_MESSAGE)
        for t, version in zip(saved, self._saved_versions):
            if t is not None and t._version != version:
                raise RuntimeError(_version_message(self, t, version))
        return saved

    def _release(self):
        # Only tensors are freed; a node that saved none can run again (as in PyTorch).
        if self._saved:
            self._saved = None

    # -- hooks ------------------------------------------------------------------
    def register_prehook(self, hook):
        if self._pre_hooks is None:
            self._pre_hooks = []
        self._pre_hooks.append(hook)

    def __repr__(self):
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class BackwardFunction(Node):
    """Nodes made by ``Function.apply``; they call the function's ``backward``."""

    __slots__ = ()
    _forward_cls = None

    def apply(self, grad):
        grads = self._forward_cls.backward(self, grad)
        if not isinstance(grads, tuple):
            grads = (grads,)
        # backward returns one gradient per forward argument; keep the tensors'.
        return [grads[i] if i < len(grads) else None for i in self._tensor_args]


class AccumulateGrad(Node):
    """The node at a leaf: adds the incoming gradient into ``variable.grad``."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        super().__init__()
        self.variable = variable
        self.next_functions = ()

    def accumulate(self, grad, create_graph):
        variable = self.variable
        if variable._grad is None:
            # Store a copy: the same gradient tensor may also flow elsewhere.
            variable._grad = grad if create_graph else grad._copy_detached()
        elif create_graph:
            variable._grad = variable._grad + grad
        else:
            # In place, so that references to x.grad (and x.grad.zero_()) keep working.
            variable._grad._accumulate_in_place(grad)


class Function:
    """Base class for differentiable operations (PyTorch: ``torch.autograd.Function``)."""

    # The backward node's class name, as PyTorch prints it in ``grad_fn=<...>``.
    # Built-in ops set it (``"MulBackward0"``); a student's function gets
    # ``<ClassName>Backward``, as in PyTorch.
    node_name = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("node_name") or cls.__name__ + "Backward"
        cls._backward_cls = type(name, (BackwardFunction,), {"__slots__": (), "_forward_cls": cls})

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")

    @classmethod
    def apply(cls, *args):
        ctx = cls._backward_cls()
        record = _State.enabled and any(
            isinstance(a, Tensor) and (a.grad_fn is not None or a._requires_grad) for a in args)

        # forward computes values only: nothing inside it is recorded.
        previous, _State.enabled = _State.enabled, False
        try:
            out = cls.forward(ctx, *args)
        finally:
            _State.enabled = previous
        if not isinstance(out, Tensor):
            out = Tensor._wrap(out)
        elif any(out is a for a in args):
            out = Tensor._wrap(out.array)  # an input returned as is becomes a new tensor

        if record:
            tensor_args, edges, meta, needs = [], [], [], []
            for i, a in enumerate(args):
                if isinstance(a, Tensor):
                    tensor_args.append(i)
                    edges.append(a._edge())
                    meta.append((a.array.shape, a.array.dtype))
                    needs.append(a.grad_fn is not None or a._requires_grad)
                else:
                    needs.append(False)
            ctx._tensor_args = tensor_args
            ctx.next_functions = tuple(edges)
            ctx._input_meta = meta
            ctx.needs_input_grad = tuple(needs)
            if ctx._saved:
                ctx._saved_outputs = tuple(t for t in ctx._saved if t is out)
            out.grad_fn = ctx
        return out


def _version_message(node, tensor, expected):
    kind = {"float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor",
            "int32": "IntTensor", "bool": "BoolTensor"}[tensor.dtype.name]
    shape = ", ".join(str(s) for s in tensor.array.shape)
    # PyTorch names the node that produced the tensor, without "Backward0":
    # the saving node itself when it saved its own output.
    producer = node if any(t is tensor for t in node._saved_outputs) else tensor.grad_fn
    where = ""
    if producer is not None:
        where = f", which is output 0 of {re.sub(r'Backward[0-9]*$', '', producer.name())},"
    return (
        "one of the variables needed for gradient computation has been modified by an "
        f"inplace operation: [torch.{kind} [{shape}]]{where} is at version {tensor._version}; "
        f"expected version {expected} instead. Hint: enable anomaly detection to find the "
        "operation that failed to compute its gradient, with "
        "torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )
