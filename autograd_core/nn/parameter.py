"""``Parameter``: a tensor that a ``Module`` registers as one of its weights.

A Parameter is an ordinary leaf tensor with ``requires_grad=True``; the only
difference is that assigning one to a Module attribute (``self.w = Parameter(...)``)
adds it to ``module.parameters()``, which is what an optimizer is given.
"""
import copy

import numpy as np

from ..tensor import Tensor, _check_requires_grad


class Parameter(Tensor):
    """``Parameter(data, requires_grad=True)``: shares its values with ``data``, as in PyTorch."""

    # No __slots__ here: like a torch tensor, a Parameter accepts extra attributes.

    def __init__(self, data=None, requires_grad=True):
        if data is None:
            array = np.empty((0,), dtype=np.float32)
        elif isinstance(data, Tensor):
            array = data.array          # the same memory: a Parameter is a view of its data
        else:
            raise TypeError(f"Parameter() expects a Tensor, but got {type(data).__name__}")
        self.array = array
        self.grad_fn = None             # always a leaf, even when made from a computed tensor
        self._requires_grad = False
        self._grad = None
        self._counter = None
        self._view = None
        self._accumulator = None
        _check_requires_grad(self, requires_grad)

    def __repr__(self):
        # PyTorch: 'Parameter containing:\n' + Tensor.__repr__(self)
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(Tensor._wrap(self.array.copy()), self.requires_grad)
        if self._grad is not None:
            result._grad = Tensor._wrap(self._grad.array.copy())
        result.__dict__.update(copy.deepcopy(self.__dict__, memo))
        memo[id(self)] = result
        return result

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.array, self.requires_grad))


def _rebuild_parameter(array, requires_grad):
    return Parameter(Tensor._wrap(array), requires_grad)


def forget_grads(params, set_to_none=True):
    """``zero_grad`` of modules and optimizers: ``p.grad = None``, or zeros in place."""
    for p in params:
        if p.grad is None:
            continue
        if set_to_none:
            p.grad = None
            continue
        if p.grad.grad_fn is not None:
            p.grad.detach_()
        else:
            p.grad.requires_grad_(False)
        p.grad.zero_()
