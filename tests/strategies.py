"""Hypothesis strategies for the autograd tests, in MiniTorch's style.

Everything here draws plain NumPy float64 arrays (the tests turn them into
tensors); nothing imports the engine, so the strategies cannot inherit its bugs.

- ``shapes``: small shapes, 0-d to 3-d, every side 1 to 4.
- ``broadcast_shapes``: pairs (or triples) of shapes that broadcast together;
  the classic cases (3,1)+(1,4), (2,3)*(3,), 0-d with n-d come first.
- ``floats`` / ``arrays``: bounded float64 values, no nan, no inf.
- "safe" domains, so that the finite-difference oracle is meaningful:
  ``positive`` (log, sqrt, a tensor exponent's base), ``nonzero`` (denominators,
  norms), and ``distinct`` (abs, relu, clamp, max/min, maximum): values at least
  ``gap`` apart from each other and ``gap / 2`` away from 0 and from every
  multiple of ``gap`` (where ``kink_values`` puts clamp's bounds), so no
  ε-nudge of the oracle ever crosses a kink or breaks a tie.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

MAX_SIDE = 4
MAX_DIMS = 3
LOW, HIGH = -2.0, 2.0

# The broadcasting cases every course example uses; Hypothesis tries these first.
CLASSIC_PAIRS = (
    ((3, 1), (1, 4)),
    ((2, 3), (3,)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((4,), (2, 1, 4)),
    ((2, 1, 3), (4, 1)),
)


# -- shapes ------------------------------------------------------------------------------

def shapes(min_dims=0, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def broadcast_shapes(num_shapes=2, min_dims=0, max_dims=MAX_DIMS):
    """A tuple of ``num_shapes`` shapes that broadcast together."""
    generated = hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes, min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=MAX_SIDE,
    ).map(lambda b: tuple(b.input_shapes))
    if num_shapes != 2:
        return generated
    return st.one_of(st.sampled_from(CLASSIC_PAIRS), generated)


def broadcast_result(*shape_list):
    return tuple(np.broadcast_shapes(*shape_list))


def dims_of(shape, min_size=1):
    """A non-empty tuple of distinct dims of ``shape`` (some negative), for sum(dim=...)."""
    ndim = len(shape)
    assert ndim >= 1
    return st.lists(st.integers(0, ndim - 1), min_size=min_size, max_size=ndim, unique=True).flatmap(
        lambda ds: st.tuples(*[st.sampled_from([d, d - ndim]) for d in ds]))


def dim_of(shape, extra=0):
    """One dim of ``shape`` (``extra=1``: a dim of the result of unsqueeze), maybe negative."""
    n = len(shape) + extra
    return st.integers(-n, n - 1)


# -- values ------------------------------------------------------------------------------

def floats(low=LOW, high=HIGH):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def arrays(shape, low=LOW, high=HIGH):
    return hnp.arrays(np.float64, shape, elements=floats(low, high))


def positive(shape, low=0.5, high=3.0):
    """For log, sqrt, x ** y with a tensor y, non-integer powers: well inside x > 0."""
    return arrays(shape, low, high)


def nonzero(shape, low=0.5, high=2.0):
    """Magnitudes in [low, high] with either sign: denominators, norms, negative powers."""
    return st.tuples(arrays(shape, low, high), hnp.arrays(np.bool_, shape)).map(
        lambda ms: np.where(ms[1], ms[0], -ms[0]))


def distinct(*shape_list, gap=0.1):
    """Arrays of the given shapes whose values are all different, across all of them.

    Values are (k + ½)·gap for distinct integers k, in [-4, 4) for gap 0.1: any two
    are at least ``gap`` apart, and each is ``gap / 2`` away from 0 and from every
    multiple of ``gap`` (the kinks of abs/relu and of clamp with ``kink_values``).
    """
    sizes = [int(np.prod(s, dtype=np.int64)) for s in shape_list]
    total = sum(sizes)
    span = max(40, total)
    return st.lists(st.integers(-span, span - 1), min_size=total, max_size=total, unique=True).map(
        lambda ks: _split((np.asarray(ks, dtype=np.float64) + 0.5) * gap, shape_list, sizes))


def kink_values(gap=0.1, count=1, low=-2.0, high=2.0):
    """``count`` sorted, distinct multiples of ``gap`` (clamp's bounds for ``distinct`` values)."""
    lo, hi = int(round(low / gap)), int(round(high / gap))
    return st.lists(st.integers(lo, hi), min_size=count, max_size=count, unique=True).map(
        lambda ks: tuple(k * gap for k in sorted(ks)))


def _split(values, shape_list, sizes):
    out, start = [], 0
    for shape, size in zip(shape_list, sizes):
        out.append(values[start:start + size].reshape(shape))
        start += size
    return tuple(out)


def bool_masks(shape):
    return hnp.arrays(np.bool_, shape)


def python_scalars(low=LOW, high=HIGH, away_from_zero=0.0):
    """A Python float operand, ``|c| >= away_from_zero``."""
    if away_from_zero:
        return st.tuples(floats(away_from_zero, high), st.booleans()).map(lambda t: t[0] if t[1] else -t[0])
    return floats(low, high)


# -- matmul ------------------------------------------------------------------------------

# (left ndim, right ndim) of every matmul dispatch path: dot, mv, 1-D·2-D, mm, batched.
MATMUL_KINDS = ((1, 1), (2, 1), (1, 2), (2, 2), (3, 3), (3, 2), (2, 3), (3, 1), (1, 3))


@st.composite
def matmul_shapes(draw, kind):
    """Shapes (a, b) for ``a @ b`` with ``kind`` = (a.ndim, b.ndim); batch dims may broadcast."""
    n, k, m = (draw(st.integers(1, MAX_SIDE)) for _ in range(3))
    a_nd, b_nd = kind
    a = {1: (k,), 2: (n, k)}.get(a_nd)
    b = {1: (k,), 2: (k, m)}.get(b_nd)
    if a_nd == 3 or b_nd == 3:
        batch = draw(st.integers(1, 3))
        a_batch = (draw(st.sampled_from([1, batch])),) if a_nd == 3 and b_nd == 3 else (batch,)
        if a_nd == 3:
            a = a_batch + (n, k)
        if b_nd == 3:
            b = (batch,) + (k, m)
    return a, b


# -- indexing ----------------------------------------------------------------------------

@st.composite
def basic_indices(draw, shape):
    """A PyTorch basic index for ``shape``: ints (also negative), slices with step >= 1
    (never empty), None and at most one Ellipsis."""
    items = []
    for size in shape:
        kind = draw(st.sampled_from(["int", "slice", "full"]))
        if kind == "int":
            items.append(draw(st.integers(-size, size - 1)))
        elif kind == "slice":
            start = draw(st.integers(0, size - 1))
            stop = draw(st.integers(start + 1, size))
            step = draw(st.integers(1, 2))
            neg = draw(st.booleans())
            items.append(slice(start - size if neg else start, stop, step))
        else:
            items.append(slice(None))
    # Leave out trailing items (x[0] of a 2-d tensor) or swap some for an Ellipsis.
    keep = draw(st.integers(0, len(items)))
    if draw(st.booleans()) and keep < len(items):
        items = items[:keep] + [Ellipsis]
    else:
        items = items[:max(keep, 1 if items else 0)]
    for _ in range(draw(st.integers(0, 2))):
        items.insert(draw(st.integers(0, len(items))), None)
    return tuple(items)


@st.composite
def advanced_indices(draw, shape):
    """An advanced index for a tensor of ``shape`` (ndim >= 1), described as
    (kind, index); ``kind`` is "list", "array" (→ an int64 tensor), "mask" or
    "list_then_slice".  Repeated indices are likely: their gradients add up."""
    n = shape[0]
    kind = draw(st.sampled_from(["list", "array", "mask", "mask_first", "slice_then_list"]))
    if kind in ("list", "array"):
        idx = draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=6))
        return kind, idx if kind == "list" else np.asarray(idx, dtype=np.int64)
    if kind == "mask":
        return kind, draw(bool_masks(shape))
    if kind == "mask_first":
        return kind, draw(bool_masks((n,)))
    if len(shape) < 2:
        return "list", draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=6))
    m = shape[1]
    return kind, draw(st.lists(st.integers(-m, m - 1), min_size=1, max_size=6))
