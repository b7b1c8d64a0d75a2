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
import itertools
import re
import warnings
import weakref

from . import errors
from .grad_mode import _State
from .anomaly_mode import _Anomaly, forward_trace
from .dtypes import from_numpy
from .tensor import INFERENCE_SAVE_MESSAGE, RemovableHandle, Tensor, _InferenceCounter

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved "
    "tensors after they have already been freed). Saved intermediate values of the "
    "graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or "
    "if you need to access saved tensors after calling backward."
)


class Node:
    """A step of the backward graph (PyTorch: ``torch.autograd.graph.Node``)."""

    # Defaults live on the class, so that making a node costs no __init__ call.
    next_functions = ()
    _saved = ()             # tensors saved by forward; None once backward freed them
    _versions_saved = ()    # their versions at the time (see save_for_backward)
    _outputs_saved = ()     # which of them stand for the node's own output (see _keep_output)
    _output = None          # weak reference to that output, for its version
    _output_version = 0     # the version it had then (not 0 when an in-place op made it: y.exp_())
    _pre_hooks = None       # tensor hooks: functions called with the incoming gradient (a list,
                            # maybe empty, once the node has any hook or retains its gradient)
    _node_pre_hooks = None  # register_prehook: called with (gradient,) before the node runs
    _post_hooks = None      # register_hook: called with (input gradients, (gradient,)) after it ran
    _post_accumulate_hooks = None   # a leaf's register_post_accumulate_grad_hook: hook(tensor)
    _retained = None        # weak reference to the output, after retain_grad()
    _arg_is_tensor = None   # which forward arguments were tensors, when not all were
    _output_nrs = None      # a node with several outputs: id(output) -> its number (see OutputGrads)
    _given = None           # arguments as the caller gave them (see keep_given)
    _packed = False         # saved tensors went through pack hooks (see Packed)
    _pack_order = None      # the order PyTorch packs them in, when not the saving order

    def name(self):
        return type(self).__name__

    @property
    def metadata(self):
        """A dict of the user's own, kept with the node (PyTorch: ``grad_fn.metadata``)."""
        return self.__dict__.setdefault("_metadata", {})

    def __call__(self, *grads):
        """``y.grad_fn(g)``: run this step of backward by hand; one gradient per next function."""
        result = tuple(self.apply(grads[0] if len(grads) == 1 and self._output_nrs is None
                                  else OutputGrads(list(grads))))
        return result[0] if len(result) == 1 else result    # (one input: the gradient itself)

    def _sequence_nr(self):
        """The node's number in the order forward made the nodes."""
        return self.sequence_nr

    def __lt__(self, other):
        # The engine keeps the ready nodes in a heap (heapq, a min-heap) and pops the
        # "smallest": that must be the node made last, as in PyTorch's ready queue.
        return self.sequence_nr > other.sequence_nr

    # -- saved tensors --------------------------------------------------------
    def save_for_backward(self, *tensors):
        self._saved = tensors
        # Remember each tensor's version: an in-place change after this point
        # would silently corrupt the gradient, so backward checks it.
        try:
            self._versions_saved = _versions(tensors)
        except RuntimeError:     # only an inference tensor has no version: it cannot be saved
            raise RuntimeError(INFERENCE_SAVE_MESSAGE) from None
        except AttributeError:   # a number or a list: ctx.k = k is the place for those
            index = next(i for i, t in enumerate(tensors) if t is not None and not isinstance(t, Tensor))
            raise TypeError(f"save_for_backward can only save variables, but argument {index} "
                            f"is of type {type(tensors[index]).__name__}") from None

    @property
    def saved_tensors(self):
        saved = self._saved
        if saved is None:
            raise RuntimeError(FREED_MESSAGE)
        if self._output is not None:       # its own output first: PyTorch's message names this node
            out = self._output()
            # out._version, read from its counter (None: never changed in place, so version 0)
            if out is not None and out._counter is not None and out._counter.value != self._output_version:
                raise RuntimeError(_version_message(self, out, self._output_version, is_output=True))
        for t, version in zip(saved, self._versions_saved):
            # t._version, read from the counter (None: never changed): this runs for every saved tensor
            if t is not None and t._counter is not None and t._counter.value != version:
                raise RuntimeError(_version_message(self, t, version))
        if self._output is not None:
            return self._unpack_output(saved)
        return saved

    def _keep_output(self, out):
        """forward saved its own output (exp saves eˣ).  Keep a twin that shares
        the values: the output itself would make a cycle (output → grad_fn → output),
        which only Python's cycle collector could free."""
        twin = Tensor._wrap(out.array)
        saved = self._saved
        self._saved = (twin,) if len(saved) == 1 else tuple([twin if t is out else t for t in saved])
        self._outputs_saved = (twin,)
        self._output = weakref.ref(out)

    def _follow_counter(self, counter, version=0):
        """The saved output now shares ``counter`` with other tensors (a view, an alias,
        or an in-place op wrote it, making it ``version``): the twin follows that counter,
        so that the version check outlives the output object itself."""
        twin, = self._outputs_saved
        twin._counter = counter
        self._output = weakref.ref(twin)   # the node keeps the twin: this reference stays alive
        self._output_version = version
        self._versions_saved = tuple([version if t is twin else v
                                      for t, v in zip(self._saved, self._versions_saved)])

    def _unpack_output(self, saved):
        if not _State.enabled:
            return saved
        # create_graph=True: the saved output is differentiable, through this very node.
        twin, = self._outputs_saved
        alive = Tensor._wrap(twin.array)
        alive.grad_fn = self
        return tuple(alive if t is twin else t for t in saved)

    # -- torch.autograd.graph.saved_tensors_hooks ------------------------------------
    def _pack_saved(self, pack_hook, unpack_hook, indices=None):
        """Hand each saved tensor to ``pack_hook`` and keep what it returns instead."""
        saved = list(self._saved)
        order = indices if indices is not None else (self._pack_order or range(len(saved)))
        for i in order:
            t = saved[i]
            if t is None or hasattr(t, "shown") or type(t) is Packed:   # (a Python number is not packed)
                continue
            if any(t is twin for twin in self._outputs_saved):   # the twin stands for the node's own output
                original, grad_fn = (self._output() if indices is None else None), self
            else:
                original, grad_fn = t, t.grad_fn
            leaf = original if original is not None and grad_fn is None and original._requires_grad else None
            # registered on an existing saved tensor (_raw_saved_x.register_hooks): its values only
            given = original if indices is None else Tensor._wrap(t.array)
            saved[i] = Packed(pack_hook(given), unpack_hook, grad_fn, leaf)
        self._saved = tuple(saved)
        if not self._packed:
            # From now on this node reads its saved tensors through the unpack hooks: it becomes
            # a node of a subclass whose saved_tensors unpacks them (same name, same behaviour
            # otherwise), so that nodes without hooks pay nothing for the feature.
            self.__class__ = _packing_class(type(self))

    def _record_extras(self):
        """What anomaly detection and saved_tensors_hooks add to a node just made (see _Extras)."""
        if _Anomaly.enabled:                # detect_anomaly: remember where forward was called
            self._forward_trace = forward_trace()
        if _SavedHooks.stack and self._saved:      # saved_tensors_hooks: pack what forward saved
            self._pack_saved(*_SavedHooks.stack[-1])

    def _unpacked(self, saved):
        result = list(saved)
        for i in (self._pack_order or range(len(saved))):    # (unpacked in the order they were packed)
            s = saved[i]
            if type(s) is not Packed:
                continue
            t = s.unpack_hook(s.value)
            if not isinstance(t, Tensor):
                raise TypeError("Output of saved tensor unpack_hook expected to be a Tensor but got result "
                                f"of type {type(t).__name__}")
            if s.leaf is not None and t is not s.leaf:
                alias = Tensor._wrap(t.array)     # the leaf's values, and its place in the graph
                alias._requires_grad, alias._accumulator = True, s.leaf._edge()[0]
                t = alias
            elif s.leaf is None:
                t = Tensor._wrap(t.array)
                t.grad_fn = s.grad_fn
            result[i] = t
        return tuple(result)

    def _release(self):
        # Only tensors are freed; a node that saved none can run again (as in PyTorch).
        if self._saved:
            self._saved = None
            self._outputs_saved = ()

    # -- hooks ------------------------------------------------------------------
    def _add_tensor_hook(self, hook):
        """Tensor.register_hook: hook(grad) -> new grad or None; they run first."""
        return self._hook_list("_pre_hooks", hook)

    def register_prehook(self, hook):
        """hook(grad_outputs) -> new grad_outputs or None, before the node runs (PyTorch's signature)."""
        return self._hook_list("_node_pre_hooks", hook)

    def register_hook(self, hook):
        """hook(grad_inputs, grad_outputs) -> new grad_inputs or None, after the node ran."""
        return self._hook_list("_post_hooks", hook)

    def _hook_list(self, kind, hook):
        # _pre_hooks becomes a list (maybe empty) as soon as the node has a hook of any
        # kind: the engine then needs one attribute read per node to know there are none.
        if self._pre_hooks is None:
            self._pre_hooks = []
        if getattr(self, kind) is None:
            setattr(self, kind, [])
        hooks = getattr(self, kind)
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def __repr__(self):
        return f"<{self._qualified_name} object at {hex(id(self))}>"

    # PyTorch's own nodes print bare; nodes of Python-defined functions print
    # with the module PyTorch makes them in.
    _qualified_name = property(lambda self: type(self).__name__)


class BackwardFunction(Node):
    """Nodes made by ``Function.apply``; they call the function's ``backward``."""

    _forward_cls = None

    def apply(self, grad):
        grads = self._forward_cls.backward(self, grad)
        if type(grads) is not tuple:
            grads = (grads,)
        # (The engine's own backwards return one gradient per input: a missing one would fail
        # the op's finite-difference test.  A student's are counted, in StudentBackward.apply.)
        if self._arg_is_tensor is None:
            return grads
        # backward returns one gradient per forward argument: keep the tensors' ones.
        return [g for g, is_tensor in zip(grads, self._arg_is_tensor) if is_tensor]

    # -- what the node saved, under PyTorch's names ---------------------------------
    # The autograd mechanics docs read ``y.grad_fn._saved_self`` (a saved tensor) and
    # ``y.grad_fn._saved_exponent`` (a saved number).  Each op declares the names:
    # ``saved_names`` for its saved tensors, in save_for_backward's order, and
    # ``saved_values`` for the rest (PyTorch's name -> the ctx attribute, or a function
    # of the node when PyTorch's value is worked out from what forward kept).
    # Function.__init_subclass__ turns each name into a property of the node class
    # (see _saved_tensor_property).  Not a __getattr__: a class with one makes *every*
    # attribute read of its nodes slower in Python 3.11 (they are no longer
    # specialized), which measured +9 % per op in bench/engine.py.


def _saved_tensor_property(index, raw):
    """``grad_fn._saved_<name>``: the saved tensor number ``index`` (``_raw_saved_``: wrapped)."""
    def get(node):
        if raw and node._packed:        # (not unpacked to be handed over: register_hooks may follow)
            if node._saved is None:
                raise RuntimeError(FREED_MESSAGE)
            return SavedTensor(node, index)
        tensor = node.saved_tensors[index]      # after backward: PyTorch's freed error
        if hasattr(tensor, "shown"):    # a Python number (ops/arithmetic.py's WrappedNumber)
            tensor = tensor.shown()
        return SavedTensor(node, index) if raw else tensor
    return property(get)


def _saved_value_property(attribute):
    """``grad_fn._saved_<name>`` for a number or shape: the ctx attribute, else the Function's."""
    if callable(attribute):        # worked out from what forward kept (ops/indexing.py)
        return property(attribute)
    def get(node):
        return node.__dict__[attribute] if attribute in node.__dict__ else getattr(node._forward_cls, attribute)
    return property(get)


def keep_given(out, **arguments):
    """PyTorch's node keeps some arguments as the caller gave them: ``x.sum(-1)`` saves dim -1
    (shown as 2⁶⁴ - 1, an unsigned 64-bit number), not the dimension 2 it stands for.  The op
    computes with the wrapped dimension; its node keeps the given one for ``_saved_dim``."""
    node = out.grad_fn
    if node is not None:
        node._given = arguments
    return out


def given(name, fallback):
    """A ``saved_values`` entry: argument ``name`` as given (see keep_given), as PyTorch shows
    it, else ``fallback`` (the ctx attribute, or a function of the node)."""
    def get(node):
        if node._given is not None and name in node._given:
            value = node._given[name]
            return tuple(v % 2 ** 64 for v in value) if isinstance(value, tuple) else value % 2 ** 64
        return fallback(node) if callable(fallback) else getattr(node, fallback)
    return get


class StudentBackward(BackwardFunction):
    """Nodes of a student's Function: its backward is checked the way PyTorch checks it."""

    _materialize_grads = True   # ctx.set_materialize_grads(False): unused outputs' gradients stay None
    _in_forward = False

    @property
    def saved_tensors(self):
        # Inside forward nothing is saved yet, as in PyTorch (save_for_backward takes effect after it).
        return () if self._in_forward else BackwardFunction.saved_tensors.fget(self)
    _dirty = ()                 # ctx.mark_dirty(...)
    _non_differentiable = ()    # ctx.mark_non_differentiable(...)

    # -- what forward may tell the node about its outputs --------------------------
    def mark_dirty(self, *tensors):
        """forward changed these inputs in place (and returns them)."""
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors):
        """These outputs get no gradient (indices of a sort, a mask): requires_grad=False."""
        self._non_differentiable = tensors

    def set_materialize_grads(self, value):
        self._materialize_grads = value

    # -- backward --------------------------------------------------------------------
    def apply(self, grad):
        if type(grad) is OutputGrads:     # several outputs: one gradient each, in order
            grads = self._forward_cls.backward(self, *self._gradients_per_output(grad.grads))
        else:
            grads = self._forward_cls.backward(self, grad)
        if type(grads) is not tuple:
            grads = (grads,)
        if len(grads) != len(self.needs_input_grad):
            raise RuntimeError(
                f"function {type(self).__name__} returned an incorrect number of gradients "
                f"(expected {len(self.needs_input_grad)}, got {len(grads)})")
        if self._arg_is_tensor is not None:
            # backward returns one gradient per forward argument; a non-tensor's must be None.
            for position, (g, is_tensor) in enumerate(zip(grads, self._arg_is_tensor), start=1):
                if g is not None and not is_tensor:
                    raise RuntimeError(
                        f"function {type(self).__name__} returned a gradient different than None at "
                        f"position {position}, but the corresponding forward input was not a Variable")
            grads = [g for g, is_tensor in zip(grads, self._arg_is_tensor) if is_tensor]
        for g in grads:
            if g is not None and not isinstance(g, Tensor):
                kind = type(g)
                kind = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
                raise RuntimeError(f"expected Variable or None (got {kind})")
        return grads

    def _gradients_per_output(self, grads):
        """An output that received nothing gets zeros (PyTorch "materializes" them), unless
        forward said set_materialize_grads(False); an output that is not a tensor gets None."""
        if not self._materialize_grads:
            return grads
        from .creation import zeros
        return [zeros(meta[0], dtype=from_numpy(meta[1])) if g is None and meta is not None else g
                for g, meta in zip(grads, self._output_metas)]


class SeveralOutputsBackward(BackwardFunction):
    """Nodes of the engine's own ops with several outputs (split, chunk, unbind): backward
    gets one gradient per output, zeros for an output that received none (as PyTorch)."""

    def apply(self, grad):
        from .creation import zeros
        grads = [zeros(meta[0], dtype=from_numpy(meta[1])) if g is None else g
                 for g, meta in zip(grad.grads, self._output_metas)]
        grads = self._forward_cls.backward(self, *grads)
        if self._arg_is_tensor is None:
            return grads
        return [g for g, is_tensor in zip(grads, self._arg_is_tensor) if is_tensor]


class OutputHook:
    """A tensor hook on one output of a node with several outputs: it sees that output's
    gradient only (None when none arrived, as in PyTorch)."""

    __slots__ = ("hook", "output_nr", "__name__")

    def __init__(self, hook, output_nr):
        self.hook, self.output_nr = hook, output_nr
        self.__name__ = getattr(hook, "__name__", type(hook).__name__)


class OutputGrads:
    """The gradients that reached a node with several outputs (a student's Function whose
    forward returns a tuple): one per output, None until one arrives.  Tensors reach such a
    node along the edge (node, output number); the engine adds what arrives with ``+``, so
    this ``+`` adds output by output."""

    __slots__ = ("grads",)

    def __init__(self, grads):
        self.grads = grads

    @staticmethod
    def at(nr, grad, count):
        grads = [None] * count
        grads[nr] = grad
        return OutputGrads(grads)

    def __add__(self, other):
        return OutputGrads([b if a is None else a if b is None else a + b
                            for a, b in zip(self.grads, other.grads)])


class SavedTensor:
    """``grad_fn._raw_saved_self``: the saved tensor as the node keeps it."""

    def __init__(self, node, index):
        self._node, self._index = node, index

    def register_hooks(self, pack_hook, unpack_hook):
        """Pack this saved tensor now (its values), unpack it whenever backward needs it."""
        if type(self._node._saved[self._index]) is Packed:
            raise RuntimeError("Calling register_hooks on a saved tensor whose hooks have already been set. "
                               "Hint: only one pair of hooks is allowed at a time.")
        self._node._pack_saved(pack_hook, unpack_hook, indices=(self._index,))

    def __repr__(self):
        return f"<torch._C._autograd.SavedTensor object at {hex(id(self))}>"


class Packed:
    """A saved tensor that went through a pack hook: what the hook returned, the unpack hook,
    and the tensor's place in the graph (its grad_fn, or the leaf itself), which the
    unpacked tensor gets back (PyTorch's SavedVariable)."""

    __slots__ = ("value", "unpack_hook", "grad_fn", "leaf")

    def __init__(self, value, unpack_hook, grad_fn, leaf):
        self.value, self.unpack_hook, self.grad_fn, self.leaf = value, unpack_hook, grad_fn, leaf


class _SavedHooksState:
    __slots__ = ("stack", "disabled")

    def __init__(self):
        self.stack = []           # (pack_hook, unpack_hook) pairs; the innermost is used
        self.disabled = None      # disable_saved_tensors_hooks' message


_SavedHooks = _SavedHooksState()


class _ExtrasState:
    """True while anomaly detection is on or saved_tensors_hooks are active: then Function.apply
    calls the new node's _record_extras.  One flag, so that recording costs one read otherwise."""
    __slots__ = ("on",)

    def __init__(self):
        self.on = False


_Extras = _ExtrasState()


def update_extras():
    _Extras.on = _Anomaly.enabled or bool(_SavedHooks.stack)


_packing_classes = {}


def _packing_class(cls):
    """The subclass of node class ``cls`` whose saved tensors come back through unpack hooks."""
    packing = _packing_classes.get(cls)
    if packing is None:
        packing = type(cls.__name__, (cls,), {
            "_packed": True, "__module__": cls.__module__,
            "saved_tensors": property(_saved_through_hooks)})
        _packing_classes[cls] = packing
    return packing


def _saved_through_hooks(node):
    saved = node._saved
    if saved is None:
        raise RuntimeError(FREED_MESSAGE)
    return node._unpacked(saved)


class AccumulateGrad(Node):
    """The node at a leaf: adds the incoming gradient into ``variable.grad``."""

    # As in PyTorch: the largest number there is, so that a leaf runs (and its
    # .grad is filled in) as soon as all of its gradients have arrived.
    sequence_nr = 2 ** 64 - 1

    def __init__(self, variable):
        self.variable = variable

    def name(self):
        return "torch::autograd::AccumulateGrad"   # PyTorch's C++ node, namespace and all

    @property
    def _output_meta(self):
        return (self.variable.array.shape, self.variable.array.dtype)

    def accumulate(self, grad, create_graph):
        variable = self.variable
        if variable._grad is None:
            # Store a copy: the same gradient tensor may also flow elsewhere.
            variable._grad = Copy.apply(grad) if create_graph else grad._copy_detached()
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
    # PyTorch's names for what the node saves (see BackwardFunction.__getattr__).
    saved_names = ()
    saved_values = {}
    # A student's forward may return one of its inputs; the engine's own never do.
    _returns_inputs = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("node_name")
        attributes = {"_forward_cls": cls}
        if "pack_order" in cls.__dict__:      # PyTorch packs saved tensors in its own order
            attributes["_pack_order"] = cls.pack_order
        for key, attribute in cls.saved_values.items():
            attributes["_saved_" + key] = _saved_value_property(attribute)
        for index, key in enumerate(cls.saved_names):     # a tensor's name wins over a value's
            attributes["_saved_" + key] = _saved_tensor_property(index, raw=False)
            attributes["_raw_saved_" + key] = _saved_tensor_property(index, raw=True)
        base = SeveralOutputsBackward if cls.__dict__.get("several_outputs") else BackwardFunction
        if name is None:  # a student's Function, named as PyTorch names it
            name = cls.__name__ + "Backward"
            attributes["_qualified_name"] = "autograd_core.autograd.function." + name
            attributes["__module__"] = "autograd_core.autograd.function"
            base = StudentBackward
            # PyTorch 2's style: forward(*args) without ctx, then setup_context(ctx, inputs, output)
            cls._uses_setup_context = cls.setup_context is not Function.setup_context
            if "apply" not in cls.__dict__:
                cls.apply = classmethod(_apply_with_keywords)
        else:
            cls._returns_inputs = False
        cls._backward_cls = type(name, (base,), attributes)

    # Methods of a Function are all static: an instance is PyTorch's old ("legacy") style.
    def __init__(self, *args, **kwargs):
        warnings.warn(
            f"{type(self)} should not be instantiated. Methods on autograd functions are all "
            "static, so you should invoke them on the class itself. Instantiating an autograd "
            "function will raise an error in a future version of PyTorch.", DeprecationWarning, stacklevel=2)

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please use "
            "new-style autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    _uses_setup_context = False

    @classmethod
    def apply(cls, *args):
        if not _State.enabled:
            # Nothing is recorded (no_grad, or inside a backward pass): just compute.
            _SCRATCH.arity = len(args)
            try:
                out = cls.forward(*args) if cls._uses_setup_context else cls.forward(_SCRATCH, *args)
            except _NUMPY_ERRORS as exc:
                raise errors.from_numpy(exc) from None
            finally:
                _SCRATCH._dirty = ()
            if type(out) is tuple:        # a student's Function with several outputs
                return out
            out = out if isinstance(out, Tensor) else Tensor._wrap(out)
            if _State.inference and out._counter is None:   # (a view keeps its base's counter)
                out._counter = _InferenceCounter()
            return out

        # Where would each input's gradient go?  (None for constants.)
        edges, needs, only_tensors = [], [], True
        for a in args:
            if not isinstance(a, Tensor):
                only_tensors = False
                needs.append(False)
                continue
            node = a.grad_fn
            if node is not None:
                # (an output of a node with several outputs: its number among them.  _output_meta,
                # an attribute of the node itself, is None for those: a cheaper read than a class's)
                edges.append((node, 0) if node._output_meta is not None else (node, node._output_nrs.get(id(a), 0)))
                needs.append(True)
            elif a._requires_grad:
                edges.append(a._edge())
                needs.append(True)
            else:
                edges.append(_NO_EDGE)
                needs.append(False)
        if True in needs:
            # Known before forward runs, so that forward can save only what backward needs.
            ctx = cls._backward_cls()
            ctx.sequence_nr = next(_numbers)   # made later, numbered higher (see engine.py)
            ctx.next_functions = tuple(edges)
            ctx.needs_input_grad = tuple(needs)
            if not only_tensors:
                ctx._arg_is_tensor = tuple([isinstance(a, Tensor) for a in args])
        else:
            ctx = _SCRATCH
            _SCRATCH.arity = len(args)

        if cls._returns_inputs:
            return cls._student_apply(ctx, args)
        else:  # our own forwards compute with NumPy only
            try:
                out = cls.forward(ctx, *args)
            except _NUMPY_ERRORS as exc:   # NumPy refused: say it in PyTorch's words
                raise errors.from_numpy(exc) from None
            if type(out) is not Tensor:
                out = Tensor._wrap(out)

        if ctx is not _SCRATCH:
            # The shape and dtype of the gradient this node will receive.
            ctx._output_meta = (out.array.shape, out.array.dtype)
            for saved in ctx._saved:
                if saved is out:
                    ctx._keep_output(out)
                    break
            out.grad_fn = ctx
            if _Extras.on:      # detect_anomaly or saved_tensors_hooks
                ctx._record_extras()
        return out


    @classmethod
    def _student_apply(cls, ctx, args):
        # A student's forward may use Tensor operations: none of them is recorded.
        _State.enabled = False
        if ctx is not _SCRATCH:
            ctx._in_forward = True          # (ctx.saved_tensors is () until forward has returned)
        try:
            if cls._uses_setup_context:
                out = cls.forward(*args)
                cls.setup_context(ctx, args, out)
            else:
                out = cls.forward(ctx, *args)
        finally:
            _State.enabled = True
            if ctx is not _SCRATCH:
                ctx._in_forward = False
        dirty = ctx._dirty
        if ctx is _SCRATCH:
            _SCRATCH._dirty = ()           # (one ctx for every unrecorded call: forget the mark)
        several = type(out) is tuple       # PyTorch: a tuple is several outputs (a list is one object)
        outputs = [cls._student_output(o, args, dirty) for o in (out if several else (out,))]
        if any(not any(o is t for o in outputs) for t in dirty):
            raise RuntimeError("Some elements marked as dirty during the forward method were not returned as "
                               "output. The inputs that are modified inplace must all be outputs of the Function.")
        if ctx is not _SCRATCH and not several and not isinstance(outputs[0], Tensor):
            return outputs[0]               # forward returned no tensor (None, a number): nothing to record
        if ctx is not _SCRATCH:
            non_differentiable = ctx._non_differentiable
            if several:
                ctx._output_meta = None     # the engine's sign of a node with several outputs
                ctx._output_metas = [(o.array.shape, o.array.dtype) if isinstance(o, Tensor) else None
                                     for o in outputs]
                ctx._output_nrs = {}
            else:
                ctx._output_meta = (outputs[0].array.shape, outputs[0].array.dtype)
                for saved in ctx._saved:
                    if saved is outputs[0]:
                        ctx._keep_output(outputs[0])
                        break
            for nr, o in enumerate(outputs):
                if not isinstance(o, Tensor) or any(o is t for t in non_differentiable):
                    continue
                o.grad_fn = ctx
                if several:
                    ctx._output_nrs[id(o)] = nr    # (the output keeps the node alive, so ids stay apart)
            if _Extras.on:
                ctx._record_extras()
        return tuple(outputs) if several else outputs[0]

    @staticmethod
    def _student_output(out, args, dirty):
        if not isinstance(out, Tensor):
            # A NumPy array, the engine's own style (PyTorch would hand it back unrecorded);
            # anything else (a number, a list) is handed back as it is.
            return Tensor._wrap(out) if hasattr(out, "__array__") and not isinstance(out, (list, tuple)) else out
        if any(out is t for t in dirty):
            # ctx.mark_dirty: forward changed this input in place; it is the output itself
            if out.grad_fn is None and out._requires_grad:
                raise RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.")
            out._bump_version()
            return out
        if any(out is a for a in args):
            return Tensor._wrap(out.array)  # an input returned as is becomes a new tensor
        return out


class SeveralOutputsFunction(Function):
    """An op of the engine's own whose forward returns several arrays (``several_outputs``):
    one node for all of them, reached along (node, output number), as PyTorch's SplitBackward0."""
    node_name = "SeveralOutputsFunctionBackward"     # (an abstract base: never applied itself)

    @classmethod
    def apply(cls, *args):
        tensors = [a for a in args if isinstance(a, Tensor)]
        record = _State.enabled and any(t.requires_grad for t in tensors)
        if record:
            ctx = cls._backward_cls()
            ctx.sequence_nr = next(_numbers)
            ctx.next_functions = tuple(t._edge() for t in tensors)
            ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
            if len(tensors) != len(args):
                ctx._arg_is_tensor = tuple(isinstance(a, Tensor) for a in args)
        else:
            ctx = _SCRATCH
        outputs = tuple(Tensor._wrap(a) for a in cls.forward(ctx, *args))
        if record:
            ctx._output_meta = None
            ctx._output_metas = [(o.array.shape, o.array.dtype) for o in outputs]
            ctx._output_nrs = {id(o): nr for nr, o in enumerate(outputs)}
            for o in outputs:
                o.grad_fn = ctx
            if _Extras.on:
                ctx._record_extras()
        return outputs


def _apply_with_keywords(cls, *args, **kwargs):
    """A student's ``Function.apply``: keyword arguments are bound to forward's parameters
    (with its defaults), as PyTorch does, then the usual apply runs."""
    if kwargs:
        import inspect
        parameters = inspect.signature(cls.forward)
        if cls._uses_setup_context:
            bound = parameters.bind(*args, **kwargs)       # (PyTorch binds them so: inspect's words)
        else:
            try:
                bound = parameters.bind(None, *args, **kwargs)
            except TypeError as exc:                       # PyTorch calls forward(ctx, ...) itself
                raise TypeError(f"forward() {exc}") from None
        bound.apply_defaults()
        args = tuple(bound.arguments.values())[0 if cls._uses_setup_context else 1:]
    return Function.apply.__func__(cls, *args)


class Copy(Function):
    """The differentiable copy that create_graph=True stores in ``.grad``."""
    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, x):
        return x.array.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


# PyTorch's name() for this C++ node carries its namespace.
Copy._backward_cls.name = lambda self: "torch::autograd::CopyBackwards"

_NO_EDGE = (None, 0)
_NUMPY_ERRORS = (ValueError, IndexError)   # what NumPy raises for input it refuses (see errors.py)
_numbers = itertools.count()   # every node's sequence_nr: made later, numbered higher


def _versions(tensors):
    # None may be saved, as in PyTorch.  A tensor without a counter was never changed in place:
    # version 0, read without the _version property (this runs for every saved tensor).  An
    # inference tensor's counter refuses to be read outside the mode (see save_for_backward).
    return tuple([0 if t is None or t._counter is None else t._version
                  for t in tensors])


class _Scratch:
    """The ctx of a call that records nothing: whatever forward saves is dropped.
    One instance serves every such call; nothing ever reads it back."""

    arity = 0

    def save_for_backward(self, *tensors):
        pass

    @property
    def needs_input_grad(self):
        return (False,) * self.arity

    _dirty = _non_differentiable = ()

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors):
        pass

    def set_materialize_grads(self, value):
        pass


_SCRATCH = _Scratch()


def _version_message(node, tensor, expected, is_output=False):
    kind = {"float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor",
            "int32": "IntTensor", "bool": "BoolTensor"}[tensor.dtype.name]
    shape = ", ".join(str(s) for s in tensor.array.shape)
    # PyTorch names the node that produced the tensor, without "Backward0":
    # the saving node itself when it saved its own output.
    producer = node if is_output else tensor.grad_fn
    where = ""
    if producer is not None:
        where = f", which is output 0 of {re.sub(r'Backward[0-9]*$', '', producer.name())},"
    return (
        "one of the variables needed for gradient computation has been modified by an "
        f"inplace operation: [torch.{kind} [{shape}]]{where} is at version {tensor._version}; "
        f"expected version {expected} instead. " + (_ANOMALY_HINT if _Anomaly.enabled else _HINT))


_HINT = ("Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
         "with torch.autograd.set_detect_anomaly(True, check_nan=False).")
_ANOMALY_HINT = ("Hint: the backtrace further above shows the operation that failed to compute its gradient. "
                 "The variable in question was changed in there or anywhere later. Good luck!")


# -- torch.autograd.function.once_differentiable ---------------------------------------------

ONCE_DIFFERENTIABLE_MESSAGE = "trying to differentiate twice a function that was marked with @once_differentiable"


class DelayedError(Function):
    """What a once_differentiable backward returns under create_graph=True: the same values,
    with a node that refuses to be differentiated (PyTorch's node is called ``Error``)."""
    node_name = "Error"

    @staticmethod
    def forward(ctx, x):
        return x.array

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError(ONCE_DIFFERENTIABLE_MESSAGE)


def once_differentiable(backward):
    """Decorate a Function's backward that is written with operations autograd cannot follow
    (NumPy, say): it runs under no_grad, and a second derivative through it is an error."""
    import functools

    @functools.wraps(backward)
    def wrapper(ctx, *grads):
        from .grad_mode import no_grad
        with no_grad():
            outputs = backward(ctx, *grads)
        # create_graph=True, and the incoming gradients require grad: the results would need
        # a graph that backward did not record, so they get one that raises when used.
        if not _State.enabled or not any(isinstance(g, Tensor) and g.requires_grad for g in grads):
            return outputs
        several = type(outputs) is tuple
        errors_ = [None if o is None else DelayedError.apply(o.detach().requires_grad_(True))
                   for o in (outputs if several else (outputs,))]
        return tuple(errors_) if several else errors_[0]
    return wrapper
