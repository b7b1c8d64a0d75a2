"""Tensor methods and operators.  Each one is a function from ``ops``, so
``x.exp()``, ``torch.exp(x)`` and the graph node behind them are the same thing."""
from .ops import arithmetic as A
from .ops import compare as C
from .ops import elementwise as E
from .ops import indexing as I
from .ops import inplace as P
from .ops import linalg as L
from .ops import reduction as R
from .ops import shape as S
from .tensor import Tensor


def _operator(function):
    """``x + "a"``: an operand that is neither a tensor nor a number makes the operator
    return NotImplemented, so that Python tries the other operand and then raises its own
    TypeError ("unsupported operand type(s) for +: 'Tensor' and 'str'").  PyTorch's operators
    do the same with every TypeError of the function behind them (its Python wrapper
    _wrap_type_error_to_not_implemented).  ``2 * x`` calls ``x.__rmul__(2)``: PyTorch
    records it as ``mul(x, 2)``."""
    def operator(self, other):
        try:
            return function(self, other)
        except TypeError:
            return NotImplemented
    return operator


def _binary_operator(function):
    """The same for ``+ - *``, calling the op's Function without the add(..., alpha)
    layer in between: these are the most frequent operations of all."""
    def operator(self, other):
        try:
            return A._binary(function, self, other)
        except TypeError:
            return NotImplemented
    return operator


def _functional(name):
    """Methods whose maths lives in ``nn.functional`` (imported late: nn builds on ops)."""
    def method(self, *args, **kwargs):
        from .nn import functional
        return getattr(functional, name)(self, *args, **kwargs)
    method.__name__ = name
    return method


def _in_place_operator(function):
    def operator(self, other):
        return P.in_place(self, function, other)
    return operator


METHODS = {
    # arithmetic and its operators
    "add": A.add, "__add__": _binary_operator(A.Add), "__radd__": _binary_operator(A.Add),
    "sub": A.sub, "__sub__": _binary_operator(A.Sub), "__rsub__": _operator(A.rsub),
    "mul": A.mul, "__mul__": _binary_operator(A.Mul), "__rmul__": _binary_operator(A.Mul),
    "div": A.div, "__truediv__": _operator(A.div), "__rtruediv__": _operator(A.rdiv), "true_divide": A.div,
    "remainder": A.remainder, "__mod__": _operator(A.remainder),
    "floor_divide": A.floor_divide, "__floordiv__": _operator(A.floor_divide),
    "pow": A.pow, "__pow__": _operator(A.pow), "__rpow__": _operator(A.rpow),
    "neg": A.neg, "__neg__": A.neg, "negative": A.neg, "reciprocal": A.reciprocal,
    "__pos__": lambda self: self,
    "matmul": L.matmul, "__matmul__": _operator(L.matmul), "__rmatmul__": _operator(lambda self, other: L.matmul(other, self)),
    "mm": L.mm, "mv": L.mv, "dot": L.dot,
    # elementwise functions
    "exp": E.exp, "log": E.log, "sqrt": E.sqrt, "rsqrt": E.rsqrt, "abs": E.abs, "__abs__": E.abs,
    "sin": E.sin, "cos": E.cos, "tanh": E.tanh, "sigmoid": E.sigmoid, "relu": E.relu,
    "sign": E.sign, "clamp": E.clamp, "clip": E.clamp, "maximum": E.maximum,
    "softmax": _functional("softmax"), "log_softmax": _functional("log_softmax"),
    # more elementwise functions and reductions
    "minimum": E.minimum,
    "square": E.square,
    "log1p": E.log1p,
    "expm1": E.expm1,
    "log2": E.log2,
    "log10": E.log10,
    "tan": E.tan,
    "sinh": E.sinh,
    "cosh": E.cosh,
    "asin": E.asin,
    "acos": E.acos,
    "atan": E.atan,
    "floor": E.floor,
    "ceil": E.ceil,
    "round": E.round,
    "trunc": E.trunc,
    "var": R.var,
    "std": R.std,
    "logsumexp": R.logsumexp,
    "amax": R.amax,
    "amin": R.amin,
    "cumsum": R.cumsum,
    "prod": R.prod,
    "arcsin": E.asin, "arccos": E.acos, "arctan": E.atan, "fix": E.trunc,
    # reductions
    "sum": R.sum, "mean": R.mean, "max": R.max, "min": R.min, "argmax": R.argmax,
    "argmin": R.argmin, "norm": R.norm, "all": R.all, "any": R.any, "sum_to_size": R.sum_to_size,
    # shapes
    "reshape": S.reshape, "view": S.view, "flatten": S.flatten, "squeeze": S.squeeze,
    "unsqueeze": S.unsqueeze, "transpose": S.transpose, "t": S.t, "permute": S.permute,
    "expand": S.expand, "flip": S.flip, "expand_as": S.expand_as, "narrow": S.narrow, "unbind": S.unbind, "split": S.split, "chunk": S.chunk, "repeat": S.repeat,
    "clone": S.clone, "view_as": lambda self, other: S.reshape(self, other.shape),
    "reshape_as": lambda self, other: S.reshape(self, other.shape), "type_as": S.type_as,
    "swapaxes": S.transpose,
    # indexing
    "__getitem__": I.getitem, "select": I.select, "gather": I.gather, "index_select": I.index_select,
    "take_along_dim": I.take_along_dim,
    # comparisons and logic
    "eq": C.eq, "__eq__": _operator(C.eq), "ne": C.ne, "__ne__": _operator(C.ne), "lt": C.lt, "__lt__": _operator(C.lt),
    "le": C.le, "__le__": _operator(C.le), "gt": C.gt, "__gt__": _operator(C.gt), "ge": C.ge, "__ge__": _operator(C.ge),
    "__and__": _operator(C.logical_and), "__or__": _operator(C.logical_or), "__xor__": _operator(C.bitwise_xor),
    "__invert__": C.bitwise_not, "logical_not": C.logical_not, "equal": C.equal,
    "allclose": C.allclose, "isclose": C.isclose,
    # in place (add_, relu_, ... come from ops/inplace.py's table, below)
    "__setitem__": P.setitem,
    "__iadd__": _in_place_operator(A.add), "__isub__": _in_place_operator(A.sub),
    "__imul__": _in_place_operator(A.mul), "__itruediv__": _in_place_operator(A.div),
    "__ipow__": _in_place_operator(A.pow), "__imod__": _in_place_operator(A.remainder),
}

METHODS.update(P.METHODS)

for _name, _function in METHODS.items():
    setattr(Tensor, _name, _function)
