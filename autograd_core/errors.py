"""PyTorch's exceptions where NumPy refuses first.

Every operation computes with NumPy, so bad input (shapes that do not fit,
an index out of range) is usually noticed by NumPy, which then raises its own
exception, in its own words (``ValueError: all the input arrays must have
same number of dimensions``).  A student should see what PyTorch says
instead.  ``Function.apply`` sends every NumPy exception of an operation's
forward through ``from_numpy`` below: one table of NumPy's messages and the
PyTorch exception each one stands for.  What the table does not know
goes through unchanged.

Checks that need more than NumPy's message (which dimension appears twice,
the name of the operation) are made where the arguments are read, in ops/.
"""
import re

from .dtypes import from_numpy as _dtype


def _shape(text):
    """'(3,2,4)' or '(2,)' -> (3, 2, 4) / (2,)"""
    return tuple(int(s) for s in text.strip("()").split(",") if s.strip() and s.strip() != "newaxis")


def _broadcast(*shapes):
    """The message PyTorch gives for the first pair of shapes that do not broadcast."""
    from .ops.arithmetic import check_broadcast
    result = shapes[0]
    for shape in shapes[1:]:
        try:
            check_broadcast(result, shape)
        except RuntimeError as exc:
            return exc
        n = max(len(result), len(shape))
        a, b = (1,) * (n - len(result)) + result, (1,) * (n - len(shape)) + shape
        result = tuple(max(x, y) for x, y in zip(a, b))
    return None


def _broadcast_message(match):
    return _broadcast(*[_shape(s) for s in re.findall(r"\([0-9, ]*\)", match.group(1))])


def _remapped_message(match):
    # np.matmul: "(3,2,4)->(3,newaxis,newaxis) (2,4,5)->(...)": the batch dimensions clash.
    originals = re.findall(r"(\([0-9,]*\))->", match.group(0))
    return _broadcast(*[_shape(s)[:-2] for s in originals])


#  NumPy's message (a regular expression)          -> PyTorch's exception
_TABLE = [
    (r"all the input arrays must have same number of dimensions, but the array at index \d+ "
     r"has (\d+) dimension\(s\) and the array at index \d+ has (\d+) dimension",
     lambda m: RuntimeError(f"Tensors must have same number of dimensions: got {m[1]} and {m[2]}")),
    (r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)",
     lambda m: IndexError(f"index {m[1]} is out of bounds for dimension {m[2]} with size {m[3]}")),
    (r"boolean index did not match indexed array along (?:axis|dimension) (\d+); size of "
     r"(?:axis|dimension) is (\d+) but size of corresponding boolean (?:axis|dimension) is (\d+)",
     lambda m: IndexError(f"The shape of the mask [{m[3]}] at index {m[1]} does not match the shape "
                          f"of the indexed tensor [{m[2]}] at index {m[1]}")),
    (r"arrays used as indices must be of integer \(or boolean\) type",
     lambda m: IndexError("tensors used as indices must be long, int, byte or bool tensors")),
    (r"repeated axis in transpose",
     lambda m: RuntimeError("permute(): duplicate dims are not allowed.")),
    (r"operands could not be broadcast together with remapped shapes", _remapped_message),
    (r"operands could not be broadcast together with shapes ((?:\([0-9, ]*\) ?)+)", _broadcast_message),
]
_TABLE = [(re.compile(pattern), make) for pattern, make in _TABLE]


def from_numpy(exc):
    """The exception PyTorch raises where NumPy raised ``exc`` (``exc`` itself if unknown)."""
    message = str(exc)
    for pattern, make in _TABLE:
        match = pattern.search(message)
        if match:
            return make(match) or exc
    return exc


def dtype_name(tensor):
    """PyTorch's scalar type name in messages: Float, Double, Long, Int, Bool."""
    return {"float32": "Float", "float64": "Double", "int64": "Long", "int32": "Int",
            "bool": "Bool"}[_dtype(tensor.array.dtype).name]


# -- argument types: PyTorch's argument parser, for "tuple of ints" arguments ------------------

def _kind(value):
    return type(value).__name__


def int_tuple(args, op, argument):
    """``f(2, 3)`` or ``f((2, 3))`` as a tuple of ints, or the TypeError PyTorch's argument
    parser gives for ``op(argument)`` (view, reshape, expand, permute, flip).  Python ints
    and NumPy integers count; bool, float, str and None do not."""
    as_one = len(args) == 1 and isinstance(args[0], (tuple, list))
    values = tuple(args[0]) if as_one else tuple(args)
    for position, value in enumerate(values):
        if _is_int(value):
            continue
        if position == 0 and op == "view":   # view(dtype) is the other overload
            raise TypeError(_no_overload_message(args))
        if position == 0 and as_one:
            raise TypeError(f"{op}(): argument '{argument}' (position 1) must be tuple of ints, but "
                            f"found element of type {_kind(value)} at pos 0")
        if position == 0 and len(values) > 1:
            raise TypeError(f"{op}() takes 1 positional argument but {len(values)} were given")
        if position == 0:
            raise TypeError(f"{op}(): argument '{argument}' (position 1) must be tuple of ints, "
                            f"not {_kind(value)}")
        raise TypeError(f"{op}(): argument '{argument}' failed to unpack the object at pos "
                        f"{position + 1} with error \"type must be tuple of ints,but got {_kind(value)}\"")
    return values


def _is_int(value):
    import numpy as np
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _no_overload_message(args):
    got = ", ".join(_kind(a) for a in args)
    lines = [f"view() received an invalid combination of arguments - got ({got}), but expected one of:"]
    if len(args) == 1:
        value = args[0]
        if isinstance(value, (tuple, list)):
            inner = ", ".join(_kind(v) for v in value)
            shown = f"tuple of ({inner})" if isinstance(value, tuple) else f"list of [{inner}]"
        else:
            shown = _kind(value)
        why = f"      didn't match because some of the arguments have invalid types: (!{shown}!)"
        lines += [" * (torch.dtype dtype)", why, " * (tuple of ints size)", why]
    else:
        lines += [" * (torch.dtype dtype)", " * (tuple of ints size)"]
    return "\n".join(lines) + "\n"


# -- operands that are neither tensors nor numbers ----------------------------------------------

# ``torch.add(x, "a")``: PyTorch's argument-parser TypeError.  The operators (``x + "a"``)
# turn it into NotImplemented (methods.py's _operator), so that Python tries the other
# operand and then raises its own message, as it does for PyTorch's operators.

def not_an_operand(op, value):
    return TypeError(f"{op}(): argument 'other' (position 2) must be Tensor, not {_kind(value)}")


def no_number_overload(op, args, argument="other", number_first=False):
    """``torch.pow(x, "a")``, ``torch.lt(x, None)``: no overload takes these types."""
    got = ", ".join("Tensor" if type(a).__name__ in ("Tensor", "Parameter") else _kind(a) for a in args)
    lines = [f"{op}() received an invalid combination of arguments - got ({got}), but expected one of:",
             f" * (Tensor input, Tensor {argument}, *, Tensor out = None)"]
    if number_first:
        lines.append(f" * (Number self, Tensor {argument}, *, Tensor out = None)")
    lines.append(f" * (Tensor input, Number {argument}, *, Tensor out = None)")
    return TypeError("\n".join(lines) + "\n")


# -- dim arguments (x.sum(dim=1.5)) -------------------------------------------------------------
# The engine cannot tell ``x.sum(1.5)`` from ``x.sum(dim=1.5)``, nor the method from
# ``torch.sum``: the messages are those of the method with the keyword, how students write it.

def int_dim(op, dim):
    """An ``int dim`` argument (softmax, argmax, cat): PyTorch's parser refuses anything else."""
    if not _is_int(dim):
        raise TypeError(f"{op}(): argument 'dim' must be int, not {_kind(dim)}")
    return dim


def reduction_dims(op, dim, keepdim):
    """``dim`` of sum/mean: an int or a tuple/list of ints (later entries may also be bools)."""
    values = dim if isinstance(dim, (tuple, list)) else (dim,)
    for position, value in enumerate(values):
        if _is_int(value) or (position > 0 and isinstance(value, bool)):
            continue
        single = op in ("logsumexp", "amax", "amin")          # one overload: no "combination" to list
        if position == 0 and not single and (keepdim is False or isinstance(dim, (tuple, list, str))):
            raise TypeError(
                f"{op}() received an invalid combination of arguments - got (dim={_kind(dim)}, ), but "
                "expected one of:\n" + _REDUCTION_OVERLOADS.get(op, _SUM_OVERLOADS))
        if position == 0:
            raise TypeError(f"{op}(): argument 'dim' must be tuple of ints, not {_kind(dim)}")
        raise TypeError(f"{op}(): argument 'dim' failed to unpack the object at pos {position + 1} with "
                        f"error \"type must be tuple of ints,but got {_kind(value)}\"")


_SUM_OVERLOADS = (" * (*, torch.dtype dtype = None)\n"
                  " * (tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None)\n")
_VAR_OVERLOADS = (" * (tuple of ints dim, bool unbiased = True, bool keepdim = False)\n"
                  " * (tuple of ints dim = None, *, Number correction = None, bool keepdim = False)\n"
                  " * (bool unbiased = True)\n"
                  "      didn't match because some of the keywords were incorrect: dim\n")
_REDUCTION_OVERLOADS = {"var": _VAR_OVERLOADS, "std": _VAR_OVERLOADS}


def max_dim(op, dim):
    """``x.max(dim=1.5)``: none of max's three overloads takes it."""
    if not _is_int(dim):
        why = "      didn't match because some of the keywords were incorrect: dim\n"
        raise TypeError(f"{op}() received an invalid combination of arguments - got (dim={_kind(dim)}, ), but "
                        f"expected one of:\n * ()\n{why} * (Tensor other)\n{why} * (int dim, bool keepdim = False)\n")
    return dim
