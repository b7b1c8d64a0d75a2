"""``Tensor``: a NumPy array plus what autograd needs to know about it.

The values live in ``tensor.array`` (a NumPy array).  The autograd part is
small: ``requires_grad`` for leaves, ``grad_fn`` (the node that made the tensor)
for results, and ``grad`` where the gradient ends up.
"""
import warnings

import numpy as np

from . import dtypes
from .grad_mode import _State

# PyTorch raises these warnings from C++, and its warning handler appends where in
# torch 2.13's own build they were raised. A student comparing this course's output
# with PyTorch's sees the same line, so the suffix is kept, word for word.
TRIGGERED_INTERNALLY = " (Triggered internally at /__w/pytorch/pytorch/{}.)"

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
    ".grad attribute won't be populated during autograd.backward(). If you indeed want "
    "the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the "
    "non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access "
    "the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information."
    + TRIGGERED_INTERNALLY.format("build/aten/src/ATen/core/TensorBody.h:493")
)


class Size(tuple):
    """A shape: a tuple that prints like ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"autograd_core.Size({list(self)})"

    __str__ = __repr__

    # A slice of a shape, or shapes put together, are shapes too.
    def __getitem__(self, index):
        item = tuple.__getitem__(self, index)
        return Size(item) if isinstance(index, slice) else item

    def __add__(self, other):
        return Size(tuple.__add__(self, tuple(other)))

    def __radd__(self, other):
        return Size(tuple(other) + tuple(self))

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n


class device:
    """A device name.  ``device("cuda")`` can be written down (PyTorch code often
    does); only the CPU can hold tensors, which ``_check_device`` enforces."""

    __slots__ = ("type", "index")

    def __init__(self, type="cpu", index=None):  # noqa: A002 - PyTorch's parameter name
        if isinstance(type, device):
            type, index = type.type, type.index
        type, _, number = str(type).partition(":")
        self.type = type
        self.index = int(number) if number else index

    def __repr__(self):
        index = "" if self.index is None else f", index={self.index}"
        return f"device(type='{self.type}'{index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self):
        return hash((self.type, self.index))


def _check_device(name):
    name = str(name)
    if name.split(":")[0] != "cpu":
        # PyTorch's CPU build raises AssertionError here too; we say more.
        raise AssertionError(
            f"autograd_core runs on the CPU only, so device '{name}' is not available. "
            "Use 'cpu' (or leave the device out)."
        )


_CPU = device()


class _VersionCounter:
    """How many times the values were changed in place.  One counter is shared by a
    tensor, its views and its ``detach()`` aliases: they share the memory, so a
    change through any of them changes them all (``.data`` gets a counter of its own)."""

    __slots__ = ("value", "views")

    def __init__(self):
        self.value = 0
        self.views = []      # weak references to the views, whose grad_fn follows the base


class _InferenceCounter(_VersionCounter):
    """The counter of a tensor made inside ``inference_mode()``.  Such a tensor is an
    ordinary ``Tensor`` (as in PyTorch) with a promise that it never enters a graph, so
    it counts nothing, and outside inference mode its version cannot be read (nor saved
    for backward).  Its views and ``detach()`` aliases share it: they are inference
    tensors too."""

    __slots__ = ()

    def __init__(self):
        self.views = []

    @property
    def value(self):
        if _State.inference:
            return 0
        raise RuntimeError("Inference tensors do not track version counter.")

    @value.setter
    def value(self, value):
        pass             # no counting (an in-place change outside the mode is refused first)


class _ViewInfo:
    """What a view remembers (PyTorch: ``_base``): the tensor whose memory it shares,
    and the NumPy steps that take the base's values to its own (see ops/shape.py's as_view)."""

    __slots__ = ("base", "steps", "made")

    def __init__(self, base, steps, made=None):
        self.base, self.steps = base, steps
        # None, or why an in-place change through this view would be ambiguous (see
        # ops/inplace.py): "no_grad" (made under no_grad from a base that requires grad),
        # or ("Unbind", i) (output i of an op that returns several views).
        self.made = made


# object.__new__, bound once: Python 3.11 looks ``Tensor.__new__`` up in full every time, and
# _wrap makes about 2.6 tensors per op (a sixth of _wrap's cost, callgrind).
_new_object = object.__new__


class Tensor:
    # _counter: the shared _VersionCounter, made when first needed (None: version 0, not shared).
    # _view: a _ViewInfo when this tensor is a view of another one, else None.
    __slots__ = ("array", "grad_fn", "_requires_grad", "_grad", "_counter", "_view", "_accumulator",
                 "__weakref__")

    def __init__(self, array, requires_grad=False):
        self.array = np.asarray(array)
        self.grad_fn = None
        self._requires_grad = False
        self._grad = None
        self._counter = None
        self._view = None
        self._accumulator = None
        if requires_grad:
            self.requires_grad_(True)

    @staticmethod
    def _wrap(array):
        """A new tensor around ``array``, with no history (the fast path of every op)."""
        t = _new_object(Tensor)     # (no __init__: every slot is set here)
        # NumPy returns scalars, not 0-d arrays, for some 0-d results.
        t.array = array if type(array) is np.ndarray else np.asarray(array)
        t.grad_fn = None
        t._requires_grad = False
        t._grad = None
        t._counter = None
        t._view = None
        t._accumulator = None
        return t

    # -- in-place changes and views ---------------------------------------------------
    @property
    def _version(self):
        counter = self._counter
        return 0 if counter is None else counter.value

    def _shared_counter(self):
        if self._counter is None:
            self._counter = _VersionCounter()
        return self._counter

    def _bump_version(self):
        """Count an in-place change.  Views of the same memory now hold new values,
        so their history must go through the base's new one (see ops/inplace.py)."""
        counter = self._shared_counter()
        counter.value += 1
        if counter.views:
            from .ops.inplace import refresh_views
            refresh_views(counter)

    @property
    def _base(self):
        return None if self._view is None else self._view.base

    def _is_view(self):
        return self._view is not None

    # -- what the tensor is ---------------------------------------------------------
    @property
    def dtype(self):
        return dtypes._BY_NUMPY[self.array.dtype]

    @property
    def shape(self):
        return Size(self.array.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self.array.shape)
        return self.array.shape[_wrap_dim(dim, self.array.ndim)]

    @property
    def ndim(self):
        return self.array.ndim

    def dim(self):
        return self.array.ndim

    def numel(self):
        return self.array.size

    nelement = numel

    @property
    def device(self):
        return _CPU

    @property
    def is_cuda(self):
        return False

    def is_contiguous(self):
        return self.array.flags.c_contiguous

    def contiguous(self):
        return self if self.array.flags.c_contiguous else self.clone()

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def is_inference(self):
        return type(self._counter) is _InferenceCounter

    @property
    def T(self):
        if self.array.ndim != 2:
            _warn_once("T_0d" if self.array.ndim == 0 else "T_not_2d")
        return self.permute(*reversed(range(self.array.ndim)))

    @property
    def mT(self):
        return self.transpose(-2, -1)

    # -- autograd state -------------------------------------------------------------
    @property
    def requires_grad(self):
        return self.grad_fn is not None or self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag):
        if self.grad_fn is not None and flag:
            raise RuntimeError("you can only change requires_grad flags of leaf variables.")
        if self.grad_fn is not None:
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to "
                "use a computed variable in a subgraph that doesn't require differentiation "
                "use var_no_grad = var.detach()."
            )
        if flag and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(flag)

    def requires_grad_(self, requires_grad=True):
        if requires_grad and type(self._counter) is _InferenceCounter and not _State.inference:
            raise RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.")
        if self.grad_fn is not None and not requires_grad:
            self.requires_grad = False  # raises PyTorch's message
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        if self.grad_fn is None:
            self._requires_grad = bool(requires_grad)
        return self

    @property
    def is_leaf(self):
        return self.grad_fn is None

    @property
    def grad(self):
        if self.grad_fn is not None and not self.retains_grad and self._grad is None:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}")
            if value.array.shape != self.array.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value.array.shape)}' to a tensor "
                    f"of size '{list(self.array.shape)}'. Please ensure that the gradient and the "
                    "tensor are the same size")
            if value.array.dtype != self.array.dtype:
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{_C_NAMES[value.dtype.name]}' to a "
                    f"tensor with grad_dtype '{_C_NAMES[self.dtype.name].title()}'. The gradient must "
                    "match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the "
                    "tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. "
                    "Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient "
                    "may break downstream systems that assume they match.")
        self._grad = value

    @property
    def retains_grad(self):
        retained = None if self.grad_fn is None else self.grad_fn._retained
        if isinstance(retained, dict):        # one of several outputs
            return self.output_nr in retained
        return retained is not None

    def retain_grad(self):
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward."""
        if self.grad_fn is None:
            if not self.requires_grad:
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            return  # a leaf keeps its gradient anyway
        import weakref
        node = self.grad_fn
        if node._pre_hooks is None:     # the engine's sign that the node has hooks to run
            node._pre_hooks = []
        if node._output_nrs is not None:      # one of several outputs: kept per output number
            if not isinstance(node._retained, dict):
                node._retained = {}
            node._retained[self.output_nr] = weakref.ref(self)
            return
        node._retained = weakref.ref(self)

    def register_hook(self, hook):
        """Call ``hook(grad)`` when this tensor's gradient is computed; it may return a new one."""
        if not self.requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        node, nr = self._edge()
        if node._output_nrs is not None:      # one of several outputs: the hook sees that output's gradient
            from .function import OutputHook
            hook = OutputHook(hook, nr)
        return node._add_tensor_hook(hook)

    @property
    def output_nr(self):
        """Which output of its grad_fn this tensor is (0 but for split, chunk, unbind ...)."""
        node = self.grad_fn
        return 0 if node is None or node._output_nrs is None else node._output_nrs.get(id(self), 0)

    # -- new tensors like this one (its dtype) ----------------------------------------
    def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
        from .creation import tensor
        return tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
        from .creation import zeros
        return zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
        from .creation import ones
        return ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_full(self, size, fill_value, dtype=None, device=None, requires_grad=False):
        from .creation import full
        return full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
        return self.new_zeros(*size, dtype=dtype, requires_grad=requires_grad)

    def register_post_accumulate_grad_hook(self, hook):
        """Call ``hook(tensor)`` each time backward has accumulated into this leaf's ``.grad``
        (an optimizer step per parameter, as the autograd mechanics docs show)."""
        if not self.requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        return self._edge()[0]._hook_list("_post_accumulate_hooks", hook)

    def _edge(self):
        """Where this tensor's gradient goes: its ``grad_fn``, or for a leaf, its AccumulateGrad."""
        node = self.grad_fn
        if node is not None:
            # (an output of a node with several outputs: its number among them)
            return (node, 0) if node._output_meta is not None else (node, node._output_nrs.get(id(self), 0))
        if self._requires_grad:
            if self._accumulator is None:
                from .function import AccumulateGrad
                self._accumulator = AccumulateGrad(self)
            return (self._accumulator, 0)
        return (None, 0)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Compute the gradient of this tensor with respect to the graph's leaves."""
        from .autograd import backward
        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    # -- leaving the graph ----------------------------------------------------------
    def detach(self):
        """The same values (shared memory) with no history: gradients stop here.
        It shares the version counter too, so backward still notices an in-place
        change made through it (``out.detach().zero_()``)."""
        alias = Tensor._wrap(self.array)
        alias._counter = self._shared_counter()
        return alias

    def detach_(self):
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self):
        # As in PyTorch: a detached tensor sharing the values, but not the version
        # counter, so that ``w.data -= ...`` is invisible to autograd.
        return Tensor._wrap(self.array)

    @data.setter
    def data(self, value):
        self.array = value.array if isinstance(value, Tensor) else np.asarray(value)

    def _copy_detached(self):
        return Tensor._wrap(self.array.copy())

    def _accumulate_in_place(self, other):
        np.add(self.array, other.array, out=self.array, casting="unsafe")
        self._bump_version()

    def item(self):
        if self.array.size != 1:
            raise RuntimeError(f"a Tensor with {self.array.size} elements cannot be converted to Scalar")
        return self.array.item()

    def tolist(self):
        return self.array.tolist()

    def numpy(self, force=False):
        if self.requires_grad and _State.enabled and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self.array

    def __array__(self, dtype=None, copy=None):
        # np.asarray(t) and matplotlib go through here, with numpy()'s rule.
        array = self.numpy()
        return array if dtype is None else array.astype(dtype, copy=False)

    def to(self, *args, **kwargs):
        """``to("cpu")``, ``to(dtype)``, ``to(other_tensor)`` or ``to(device, dtype)``."""
        dtype = kwargs.pop("dtype", None)
        kwargs.pop("non_blocking", None)
        kwargs.pop("copy", None)
        if "device" in kwargs:
            _check_device(kwargs.pop("device"))
        for arg in args:
            if isinstance(arg, dtypes.dtype):
                dtype = arg
            elif isinstance(arg, Tensor):
                dtype = arg.dtype
            else:
                _check_device(arg)
        if dtype is None or dtype is self.dtype:
            return self
        from .ops.shape import to_dtype
        return to_dtype(self, dtype)

    def cpu(self):
        return self

    def cuda(self, *args, **kwargs):
        _check_device("cuda")

    def type(self, dtype=None):
        names = {"float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor",
                 "int32": "IntTensor", "bool": "BoolTensor"}
        if dtype is None:
            return "torch." + names[self.dtype.name]
        if isinstance(dtype, str):      # x.type("torch.LongTensor"), the old spelling
            by_name = {"torch." + n: getattr(dtypes, d) for d, n in names.items()}
            if dtype not in by_name:
                raise ValueError(f"invalid type: '{dtype}'")
            dtype = by_name[dtype]
        return self.to(dtypes.as_dtype(dtype))

    def float(self):
        return self.to(dtypes.float32)

    def double(self):
        return self.to(dtypes.float64)

    def long(self):
        return self.to(dtypes.int64)

    def int(self):
        return self.to(dtypes.int32)

    def bool(self):
        return self.to(dtypes.bool)

    # -- Python protocols -----------------------------------------------------------
    def __repr__(self):
        from .printing import tensor_repr
        return tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec):
        if self.array.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __len__(self):
        if self.array.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self.array.shape[0]

    def __iter__(self):
        if self.array.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self.array.shape[0]))

    def __bool__(self):
        if self.array.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self.array.item())

    def __float__(self):
        return float(self._only_element())

    def __int__(self):
        return int(self._only_element())

    def _only_element(self):
        if self.array.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self.array.item()

    def __index__(self):
        if self.dtype.is_floating_point or self.array.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    # Tensors compare elementwise (``==`` gives a bool tensor), so hashing is by identity.
    __hash__ = object.__hash__


# The C++ names PyTorch's messages use for each dtype.
_C_NAMES = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "bool": "bool"}


INFERENCE_SAVE_MESSAGE = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`.")


def check_not_inference(tensor):
    """An in-place change of an inference tensor (or of a view of one) outside inference
    mode is refused (ops/inplace.py asks, where it counts the change)."""
    if type(tensor._counter) is _InferenceCounter and not _State.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can "
            "make a clone to get a normal tensor before doing inplace update.See "
            "https://github.com/pytorch/rfcs/pull/17 for more details.")


class RemovableHandle:
    """What registering a hook returns: ``handle.remove()`` takes the hook away."""

    def __init__(self, hooks, hook):
        self._hooks, self._hook = hooks, hook

    def remove(self):
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)


_ONCE_WARNINGS = {
    "T_not_2d": "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                "to reverse the dimensions of a tensor."
                + TRIGGERED_INTERNALLY.format("aten/src/ATen/native/TensorShape.cpp:4314"),
    "T_0d": "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
            + TRIGGERED_INTERNALLY.format("aten/src/ATen/native/TensorShape.cpp:4321"),
}


def _warn_once(key):
    """PyTorch gives these warnings once per process (TORCH_WARN_ONCE)."""
    from .autograd import _warned
    if not _warned.get(key):
        _warned[key] = True
        warnings.warn(_ONCE_WARNINGS[key], UserWarning, stacklevel=3)


def _wrap_dim(dim, ndim):
    low, high = -max(ndim, 1), max(ndim, 1) - 1
    if not low <= dim <= high:
        raise IndexError(f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})")
    return dim % max(ndim, 1)


def _check_requires_grad(tensor, requires_grad):
    """The last step of every factory (tensor, zeros, randn ...)."""
    if _State.inference:
        tensor._counter = _InferenceCounter()
    if requires_grad:
        if not tensor.dtype.is_floating_point:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        tensor._requires_grad = True
    return tensor
