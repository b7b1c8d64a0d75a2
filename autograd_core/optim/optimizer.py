"""``Optimizer``: the base class of SGD and Adam, as in ``torch.optim.Optimizer``.

An optimizer holds ``param_groups`` (lists of parameters, each with its own
options such as ``lr``) and a ``state`` per parameter (momentum buffers, Adam's
moving averages).  ``step()`` changes every parameter that has a ``.grad``, in
place and without recording anything in the graph; ``zero_grad()`` clears the
gradients before the next ``backward()``.
"""
import copy
import warnings
from collections import defaultdict

from ..grad_mode import enable_grad, no_grad
from ..nn.parameter import forget_grads
from ..tensor import Tensor


class _RequiredParameter:
    """A default that the user must override (no optimizer here needs it any more)."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def _typename(value):
    if isinstance(value, Tensor):
        return value.type()
    module = type(value).__module__
    name = type(value).__qualname__
    return name if module == "builtins" else f"{module}.{name}"


class Optimizer:
    """Holds the parameters (in ``param_groups``) and what it remembers about them (``state``).

    A subclass sets its options' defaults and writes ``_update(param, group)``:
    how one parameter changes, given ``param.grad``.
    """

    def __init__(self, params, defaults):
        self.defaults = defaults
        if isinstance(params, Tensor):
            # optim.SGD(w) instead of optim.SGD([w]): iterating a tensor would give its rows.
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                "dicts, but got " + _typename(params))
        self.state = defaultdict(dict)      # keyed by the parameter itself (tensors hash by identity)
        self.param_groups = []
        param_groups = list(params)         # model.parameters() is a generator: read it once
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for group in param_groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        """Add parameters with their own options (the options not given come from the defaults)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the "
                "ordering of tensors in sets will change between runs. Please use a list instead.")
        else:
            param_group["params"] = list(params)

        # model.named_parameters() gives (name, parameter) pairs: keep the names alongside.
        names = [p[0] for p in param_group["params"] if isinstance(p, tuple)]
        param_group["params"] = [p[1] if isinstance(p, tuple) else p for p in param_group["params"]]
        if names:
            if len(names) != len(param_group["params"]):
                raise ValueError(
                    "all optimizer params should be with/without names. Some param names are missing")
            param_group["param_names"] = names

        for param in param_group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError(
                    "optimizer can only optimize Tensors, but one of the params is " + _typename(param))
            if not self.defaults.get("differentiable", None) and not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")

        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(
                    f"parameter group didn't specify a value of required optimization parameter {name}")
            param_group.setdefault(name, default)

        params = param_group["params"]
        if len(params) != len({id(p) for p in params}):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; in future, this "
                "will cause an error; see github.com/pytorch/pytorch/issues/40967 for more "
                "information", UserWarning, stacklevel=3)
        seen = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with names" if "param_names" in param_group else "without names"
                raise ValueError(
                    "all optimizer param groups should be with/without names. "
                    f"cannot add param group {which} to the optimizer")
        if any(id(p) in seen for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        """Clear every parameter's gradient before the next backward().

        By default ``p.grad = None`` (backward then stores a fresh gradient);
        ``set_to_none=False`` fills the existing gradient tensors with zeros instead.
        """
        for group in self.param_groups:
            forget_grads(group["params"], set_to_none)

    def step(self, closure=None):
        """Update every parameter that has a gradient, once.

        ``closure`` (optional) recomputes the loss and calls backward; its loss is returned.
        """
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        # The update is not part of any model: record nothing, change the parameters in place
        # (the same tensors the model holds, so the model sees the new values).
        with no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:      # a parameter the loss did not use is left alone
                        self._update(p, group)
        return loss

    def _update(self, param, group):
        raise NotImplementedError

    # -- saving and loading ---------------------------------------------------------------
    def state_dict(self):
        """``{"state": {index: {...}}, "param_groups": [{..., "params": [index, ...]}]}``.

        Parameters are replaced by their position (0, 1, ...), so that the dict can be
        loaded into another optimizer over other (but matching) parameters.  As in
        PyTorch, the state's tensors are the optimizer's own, not copies.
        """
        index = {}
        start = 0
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            for i, p in enumerate(group["params"], start):
                index.setdefault(id(p), i)
            packed["params"] = [index[id(p)] for p in group["params"]]
            start += len(packed["params"])
            groups.append(packed)
        state = {(index[id(p)] if isinstance(p, Tensor) else p): s for p, s in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Take over options and state from ``state_dict`` (made by ``state_dict()``)."""
        groups = self.param_groups
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError(
                "loaded state dict contains a parameter group that doesn't match the size of "
                "optimizer's group")
        by_index = {}
        for g, s in zip(groups, saved_groups):
            by_index.update(zip(s["params"], g["params"]))

        def cast(param, key, value):
            # Buffers take the parameter's dtype; Adam's step count stays as it is.
            # (.to() returns the same tensor when nothing changes: PyTorch shares it too.)
            if isinstance(value, Tensor) and key != "step" and param.is_floating_point():
                return value.to(param.dtype)
            return value

        self.state = defaultdict(dict)
        for key, value in state_dict["state"].items():
            if key in by_index:
                param = by_index[key]
                self.state[param] = {k: cast(param, k, v) for k, v in value.items()}
            else:
                self.state[key] = value
        for g, s in zip(groups, saved_groups):
            s["params"] = g["params"]
            if "param_names" in g and "param_names" not in s:
                s["param_names"] = g["param_names"]
        self.param_groups = saved_groups

    def __repr__(self):
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += "\n"
            text += f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        text += ")"
        return text


