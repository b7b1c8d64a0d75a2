"""``Module``: the base class of every layer and model, as in ``torch.nn.Module``.

What it does is bookkeeping:

* ``self.w = Parameter(...)`` goes into ``self._parameters`` and
  ``self.layer = Linear(...)`` into ``self._modules`` (in assignment order), so
  ``model.parameters()`` can hand every weight, of every sub-module, to an optimizer;
* ``model(x)`` calls ``model.forward(x)``;
* ``state_dict()`` / ``load_state_dict()`` save and restore the weights by name;
* ``train()`` / ``eval()`` set the ``training`` flag (Dropout reads it);
* ``repr(model)`` prints the tree of sub-modules, like PyTorch.

Anything else assigned to a module (plain tensors, numbers, dicts) is an
ordinary attribute: it is not a parameter and no optimizer will see it.
A Module has no ``backward`` method: autograd computes the gradients.
"""
from collections import OrderedDict, namedtuple

import numpy as np

from .. import dtypes
from ..function import Function
from ..grad_mode import no_grad
from ..tensor import Tensor, _check_device
from .parameter import Parameter, forget_grads


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What ``load_state_dict(strict=False)`` returns."""

    __slots__ = ()

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


def _typename(value):
    """``torch.typename``: the qualified class name (tensors by their old-style type name)."""
    if isinstance(value, Tensor):
        return value.type()
    module = type(value).__module__
    name = type(value).__qualname__
    return name if module in ("builtins", "__builtin__", None) else f"{module}.{name}"


def _addindent(text, spaces):
    """Indent every line after the first (PyTorch's helper of the same name)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    first = lines.pop(0)
    lines = [(spaces * " ") + line if line.strip() else "" for line in lines]
    return first + "\n" + "\n".join(lines)


def _call_with_hooks(module, args, kwargs):
    hooks = module._hooks
    for hook in list(hooks["forward_pre"]):
        changed = hook(module, args)
        if changed is not None:
            args = changed if isinstance(changed, tuple) else (changed,)
    backward = _BackwardHook(module, list(hooks["backward"])) if hooks["backward"] else None
    if backward is not None:
        args = backward.wrap_inputs(args)
    out = module.forward(*args, **kwargs)
    for hook in list(hooks["forward"]):
        changed = hook(module, args, out)
        if changed is not None:
            out = changed
    if backward is not None:
        out = backward.wrap_outputs(out)
    return out


class _BackwardHook:
    """register_full_backward_hook as PyTorch does it: the module's tensor inputs and outputs go
    through an identity Function (BackwardHookFunctionBackward); the outputs' node records the
    gradients that arrive (grad_output), the inputs' node calls the hooks with the gradients it
    passes on to the inputs (grad_input), and may replace them."""

    def __init__(self, module, hooks):
        self.module, self.hooks = module, hooks
        self.n_inputs, self.inputs_wrapped = 0, False
        self.grad_output = None

    def wrap_inputs(self, args):
        self.n_inputs = sum(isinstance(a, Tensor) for a in args)
        wrapped = _through_identity(args, self._on_grad_input)
        self.inputs_wrapped = wrapped is not None
        return args if wrapped is None else tuple(wrapped)

    def wrap_outputs(self, out):
        outputs = out if isinstance(out, tuple) else (out,)
        wrapped = _through_identity(outputs, self._on_grad_output)
        if wrapped is None:
            return out
        return tuple(wrapped) if isinstance(out, tuple) else wrapped[0]

    def _on_grad_output(self, grad_output):
        self.grad_output = tuple(grad_output)
        if not self.inputs_wrapped:          # no input requires grad: the hooks run now, with None
            import warnings
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to module outputs "
                "since no inputs require gradients. See https://docs.pytorch.org/docs/main/generated/"
                "torch.nn.Module.html#torch.nn.Module.register_full_backward_hook for more details.",
                UserWarning, stacklevel=2)
            self._call((None,) * self.n_inputs)
        return None

    def _on_grad_input(self, grad_input):
        return self._call(tuple(grad_input))

    def _call(self, grad_input):
        for hook in self.hooks:
            changed = hook(self.module, grad_input, self.grad_output)
            if changed is not None:
                grad_input = tuple(changed)
        return grad_input


class BackwardHookFunction(Function):
    """The identity, recorded (its node is PyTorch's BackwardHookFunctionBackward)."""

    @staticmethod
    def forward(ctx, *tensors):
        return tensors if len(tensors) > 1 else tensors[0]

    @staticmethod
    def backward(ctx, *grads):
        return grads if len(grads) > 1 else grads[0]


def _identity(tensors):
    out = BackwardHookFunction.apply(*tensors)
    return list(out) if isinstance(out, tuple) else [out]


def _through_identity(items, on_grad):
    """``items`` (a module's inputs or outputs) as a list in which the tensors that require grad
    passed through one BackwardHookFunction, whose node calls ``on_grad`` with their gradients;
    None when no item requires grad."""
    positions = [i for i, item in enumerate(items) if isinstance(item, Tensor) and item.requires_grad]
    if not positions:
        return None
    wrapped = _identity([items[i] for i in positions])
    wrapped[0].grad_fn.register_prehook(on_grad)
    items = list(items)
    for i, w in zip(positions, wrapped):
        items[i] = w
    return items


class Module:
    """Base class for all neural network modules; subclass it and define ``forward``."""

    training = True

    def __init__(self, *args, **kwargs):
        # Arguments meant for a subclass's __init__ that reached this one: PyTorch's messages.
        if kwargs:
            raise TypeError(f"{type(self).__name__}.__init__() got an unexpected keyword argument "
                            f"'{next(iter(kwargs))}'")
        if args:
            raise TypeError(f"{type(self).__name__}.__init__() takes 1 positional argument but "
                            f"{len(args) + 1} were given")
        # object.__setattr__: our own __setattr__ needs these dicts to exist first.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_buffers", {})
        object.__setattr__(self, "_non_persistent_buffers_set", set())
        object.__setattr__(self, "_modules", {})

    # -- running ---------------------------------------------------------------------
    def forward(self, *args, **kwargs):
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args, **kwargs):
        if "_hooks" not in self.__dict__:        # (no hook was ever registered: the usual case)
            return self.forward(*args, **kwargs)
        return _call_with_hooks(self, args, kwargs)

    # -- hooks (PyTorch's names and arguments) ------------------------------------------
    def register_forward_pre_hook(self, hook):
        """``hook(module, args)`` before forward; it may return new args (a tuple, or one value)."""
        return self._add_hook("forward_pre", hook)

    def register_forward_hook(self, hook):
        """``hook(module, args, output)`` after forward; it may return a new output."""
        return self._add_hook("forward", hook)

    def register_full_backward_hook(self, hook):
        """``hook(module, grad_input, grad_output)`` once the gradients with respect to the
        module's inputs are computed; it may return new ones (a tuple)."""
        return self._add_hook("backward", hook)

    def _add_hook(self, kind, hook):
        from ..tensor import RemovableHandle
        hooks = self.__dict__.setdefault("_hooks", {"forward_pre": [], "forward": [], "backward": []})
        hooks[kind].append(hook)
        return RemovableHandle(hooks[kind], hook)

    # -- registering -----------------------------------------------------------------
    def register_parameter(self, name, param):
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        _check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{_typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)")
        if param is not None and param.grad_fn is not None:
            raise ValueError(
                f"Cannot assign non-leaf Tensor to parameter '{name}'. Model parameters must be "
                f"created explicitly. To express '{name}' as a function of another Tensor, "
                "compute the value in the forward() method.")
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """A tensor that belongs to the module's state but is not trained (e.g. running means)."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        _check_name(name, "buffer")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{_typename(tensor)}' object to buffer '{name}' "
                "(torch Tensor or None required)")
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{_typename(module)} is not a Module subclass")
        if "_modules" not in self.__dict__:
            raise AttributeError("cannot assign module before Module.__init__() call")
        _check_name(name, "module")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        self._modules[name] = module

    register_module = add_module

    def __setattr__(self, name, value):
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._remove_name(name, self.__dict__, self._buffers, self._modules)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_typename(value)}' as parameter '{name}' "
                    "(torch.nn.Parameter or None expected)")
            self.register_parameter(name, value)
        else:
            modules = self.__dict__.get("_modules")
            if isinstance(value, Module):
                if modules is None:
                    raise AttributeError("cannot assign module before Module.__init__() call")
                self._remove_name(name, self.__dict__, self._parameters, self._buffers)
                modules[name] = value
            elif modules is not None and name in modules:
                if value is not None:
                    raise TypeError(
                        f"cannot assign '{_typename(value)}' as child module '{name}' "
                        "(torch.nn.Module or None expected)")
                modules[name] = value
            else:
                buffers = self.__dict__.get("_buffers")
                if buffers is not None and name in buffers:
                    if value is not None and not isinstance(value, Tensor):
                        raise TypeError(
                            f"cannot assign '{_typename(value)}' as buffer '{name}' "
                            "(torch.nn.Buffer, torch.Tensor or None expected)")
                    buffers[name] = value
                else:
                    # Everything else (plain tensors too) is an ordinary attribute.
                    object.__setattr__(self, name, value)

    def _remove_name(self, name, *places):
        for place in places:
            place.pop(name, None)
        self.__dict__.get("_non_persistent_buffers_set", set()).discard(name)

    def __getattr__(self, name):
        # Only called when normal lookup fails: look in the registries.
        d = self.__dict__
        for registry in ("_parameters", "_buffers", "_modules"):
            if registry in d and name in d[registry]:
                return d[registry][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for registry in (self._parameters, self._buffers, self._modules):
            if name in registry:
                del registry[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self):
        keys = list(dir(type(self))) + list(self.__dict__) + list(self._parameters) + \
            list(self._modules) + list(self._buffers)
        return sorted(k for k in set(keys) if not k[0].isdigit())

    # -- walking the tree ----------------------------------------------------------------
    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """This module and every module inside it, depth first, with dotted names."""
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            sub_prefix = prefix + ("." if prefix else "") + name
            yield from module.named_modules(memo, sub_prefix, remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self):
        for _, module in self.named_children():
            yield module

    def _named_members(self, registry, prefix, recurse, remove_duplicate):
        seen = set()   # by identity: a weight shared by two layers is listed once
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) \
            if recurse else [(prefix, self)]
        for module_prefix, module in modules:
            for name, value in getattr(module, registry).items():
                if value is None or id(value) in seen:
                    continue
                if remove_duplicate:
                    seen.add(id(value))
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """``("0.weight", Parameter)`` pairs: dotted names follow the sub-module names."""
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def get_submodule(self, target):
        module = self
        if target == "":
            return module
        for item in target.split("."):
            if item not in module._modules:
                raise AttributeError(f"{module._get_name()} has no attribute `{item}`")
            module = module._modules[item]
        return module

    def apply(self, fn):
        """Call ``fn`` on every sub-module (children first), then on this module."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # -- modes and gradients ---------------------------------------------------------------
    def train(self, mode=True):
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        """Forget the gradients of every parameter (by default: ``p.grad = None``)."""
        forget_grads(self.parameters(), set_to_none)

    # -- devices and dtypes -----------------------------------------------------------------
    def _apply_to_floats(self, numpy_dtype):
        """Convert every floating-point parameter, gradient and buffer in place."""
        def convert(t):
            if t is not None and t.array.dtype.kind == "f" and t.array.dtype != numpy_dtype:
                t.array = t.array.astype(numpy_dtype)   # same Parameter object, new values
        for module in self.modules():
            for p in module._parameters.values():
                if p is not None:
                    convert(p)
                    convert(p._grad)
            for b in module._buffers.values():
                convert(b)
        return self

    def to(self, *args, **kwargs):
        """``to("cpu")`` returns the module itself; ``to(dtype)`` converts its weights in place."""
        dtype = kwargs.pop("dtype", None)
        kwargs.pop("non_blocking", None)
        if "device" in kwargs:
            _check_device(kwargs.pop("device"))
        if kwargs:
            raise TypeError(f"to() received an invalid combination of arguments: {sorted(kwargs)}")
        for arg in args:
            if isinstance(arg, dtypes.dtype):
                dtype = arg
            elif isinstance(arg, Tensor):
                dtype = arg.dtype
            else:
                _check_device(arg)
        if dtype is None:
            return self
        if not dtype.is_floating_point:
            raise TypeError(
                "nn.Module.to only accepts floating point or complex dtypes, but got desired "
                f"dtype={dtype!r}")
        return self._apply_to_floats(dtype.numpy)

    def cpu(self):
        return self

    def cuda(self, device=None):
        _check_device("cuda")

    def double(self):
        return self._apply_to_floats(np.dtype(np.float64))

    def float(self):
        return self._apply_to_floats(np.dtype(np.float32))

    def type(self, dst_type):
        return self.to(dtypes.as_dtype(dst_type))

    # -- saving and loading -------------------------------------------------------------------
    def state_dict(self, destination=None, prefix="", keep_vars=False):
        """Every parameter and (persistent) buffer by dotted name, as detached tensors."""
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buffer if keep_vars else buffer.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".",
                                  keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copy values from ``state_dict`` into this module's parameters and buffers."""
        if not hasattr(state_dict, "keys") or not hasattr(state_dict, "__getitem__"):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        missing, unexpected, errors = [], [], []
        expected = set()
        for module_prefix, module in self.named_modules(remove_duplicate=False):
            prefix = module_prefix + "." if module_prefix else ""
            local = [(n, p) for n, p in module._parameters.items() if p is not None]
            local += [(n, b) for n, b in module._buffers.items()
                      if b is not None and n not in module._non_persistent_buffers_set]
            for name, target in local:
                key = prefix + name
                expected.add(key)
                if key not in state_dict:
                    missing.append(key)
                    continue
                source = state_dict[key]
                if not isinstance(source, Tensor):
                    errors.append(
                        f'While copying the parameter named "{key}", expected torch.Tensor or '
                        f"Tensor-like object from checkpoint but received {type(source)}")
                    continue
                if source.shape != target.shape:
                    errors.append(
                        f"size mismatch for {key}: copying a param with shape {source.shape} from "
                        f"checkpoint, the shape in current model is {target.shape}.")
                    continue
                if assign:
                    with no_grad():
                        if isinstance(target, Parameter):
                            new = Parameter(source.detach(), target.requires_grad)
                            module._parameters[name] = new
                        else:
                            module._buffers[name] = source
                else:
                    # An in-place copy: the optimizer keeps pointing at the same tensors.
                    np.copyto(target.array, source.array, casting="unsafe")
                    target._bump_version()
        unexpected = [k for k in state_dict.keys() if k not in expected]

        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in missing)))
        if errors:
            raise RuntimeError("Error(s) in loading state_dict for {}:\n\t{}".format(
                type(self).__name__, "\n\t".join(errors)))
        return _IncompatibleKeys(missing, unexpected)

    # -- printing ---------------------------------------------------------------------------------
    def extra_repr(self):
        """The text inside ``Name(...)``; layers override it (``in_features=1, ...``)."""
        return ""

    def _get_name(self):
        return type(self).__name__

    def __repr__(self):
        extra_lines = []
        extra = self.extra_repr()
        if extra:
            extra_lines = extra.split("\n")
        child_lines = []
        for key, module in self._modules.items():
            child_lines.append("(" + key + "): " + _addindent(repr(module), 2))
        lines = extra_lines + child_lines
        main = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                main += extra_lines[0]       # the one-line form: Linear(in_features=1, ...)
            else:
                main += "\n  " + "\n  ".join(lines) + "\n"
        return main + ")"


def _check_name(name, kind):
    if not isinstance(name, str):
        raise TypeError(f"{kind} name should be a string. Got {_typename(name)}")
    if "." in name:
        raise KeyError(f'{kind} name can\'t contain "."')
    if name == "":
        raise KeyError(f'{kind} name can\'t be empty string ""')
