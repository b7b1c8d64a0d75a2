"""Gradients of every differentiable operation, with finite differences as the oracle.

Three oracles, so that no single one has to be trusted:

1. ``autograd_core.autograd.gradcheck`` (the engine's own, finite differences of
   the engine's forward) for every op in ``CASES``, on random float64 inputs that
   require grad (broadcast shapes for the binary ops);
2. ``central_difference`` below, plain NumPy: finite differences of a NumPy
   reference implementation of the op (``Case.ref``), compared with ``x.grad``
   from ``.backward()``; this also checks the forward values against NumPy;
3. second derivatives: ``autograd.grad(..., create_graph=True)`` and a second
   ``autograd.grad``, compared with finite differences of the first derivative;
4. ``torch.autograd.functional.jacobian`` and ``hessian`` (the whole matrices, for one
   input or a tuple of them), compared with central differences of the NumPy
   reference: one column of the Jacobian per nudged input element, and the mixed
   second difference for every pair of elements of the Hessian.

And the oracles must be able to fail: a deliberately wrong ``autograd.Function``
is rejected by gradcheck and by ``central_difference``.

Inputs come from ``strategies.py`` (safe domains: no kinks, ties or poles within
reach of the finite-difference step).
"""
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd_core as torch
from autograd_core import autograd

try:
    import strategies as S
except ImportError:  # pragma: no cover - when tests/ is not on sys.path
    from tests import strategies as S

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- the independent oracle ---------------------------------------------------------------

def central_difference(f, arrays, h=1e-6):
    """d f / d arrays[i] for a NumPy function ``f(*arrays) -> float``, by central differences."""
    grads = []
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    for a in arrays:
        g = np.zeros_like(a)
        flat, gflat = a.reshape(-1), g.reshape(-1)  # views (the arrays are fresh copies)
        for k in range(flat.size):
            original = flat[k]
            flat[k] = original + h
            plus = f(*arrays)
            flat[k] = original - h
            minus = f(*arrays)
            flat[k] = original
            gflat[k] = (plus - minus) / (2 * h)
        grads.append(g)
    return grads


def leaf(array, dtype=None):
    return torch.tensor(np.array(array, dtype=np.float64), dtype=dtype or torch.float64, requires_grad=True)


# -- the table of operations -------------------------------------------------------------

@dataclass
class Case:
    name: str
    inputs: st.SearchStrategy  # draws (tuple of float64 arrays, dict of parameters)
    fn: Callable               # fn(*tensors, **params) -> Tensor (or a tuple of them)
    ref: Optional[Callable] = None  # NumPy twin: ref(*arrays, **params) -> array
    xfail: Optional[str] = None
    gradcheck_kwargs: dict = field(default_factory=dict)


def _no_params(arrays_strategy):
    return arrays_strategy.map(lambda arrays: (tuple(arrays), {}))


def one(values=S.arrays, shapes=None):
    """One input of any small shape."""
    return _no_params((shapes if shapes is not None else S.shapes()).flatmap(lambda s: st.tuples(values(s))))


def one_with(values, shapes, params):
    """One input and parameters drawn from ``params(shape)`` (a strategy of dicts)."""
    return (shapes if shapes is not None else S.shapes()).flatmap(
        lambda s: st.tuples(st.tuples(values(s)), params(s)))


def two(values_a=S.arrays, values_b=S.arrays):
    """Two inputs of broadcastable shapes."""
    return _no_params(S.broadcast_shapes().flatmap(
        lambda sh: st.tuples(values_a(sh[0]), values_b(sh[1]))))


def two_distinct():
    """Two broadcastable inputs without a single tie between any two values."""
    return _no_params(S.broadcast_shapes().flatmap(lambda sh: S.distinct(*sh)))


def with_scalar(values=S.arrays, scalar=S.python_scalars()):
    return one_with(values, None, lambda s: st.fixed_dictionaries({"c": scalar}))


def same_shape_pair(values_a=S.arrays, values_b=S.arrays, min_dims=0):
    return _no_params(S.shapes(min_dims=min_dims).flatmap(lambda s: st.tuples(values_a(s), values_b(s))))


def _where_inputs():
    return S.broadcast_shapes(num_shapes=3).flatmap(lambda sh: st.tuples(
        st.tuples(S.arrays(sh[1]), S.arrays(sh[2])),
        st.fixed_dictionaries({"cond": S.bool_masks(sh[0])})))


def _dims_params(keepdim):
    return lambda s: S.dims_of(s).map(lambda d: {"dim": d[0] if len(d) == 1 else d, "keepdim": keepdim})


def _one_dim_params(keepdim=False):
    return lambda s: S.dim_of(s).map(lambda d: {"dim": d, "keepdim": keepdim})


def _np_dims(dim):
    return dim if isinstance(dim, tuple) else (dim,)


def _reshape_params(shape):
    n = int(np.prod(shape, dtype=np.int64))
    divisors = [d for d in range(1, n + 1) if n % d == 0]
    return st.sampled_from(divisors).flatmap(lambda d: st.sampled_from([
        (n,), (d, n // d), (n // d, 1, d), (-1, d), (d, -1)]).map(lambda t: {"shape": t}))


def _squeezable_shapes():
    return S.shapes(min_dims=1).flatmap(
        lambda s: st.lists(st.booleans(), min_size=len(s), max_size=len(s)).map(
            lambda ones: tuple(1 if o else size for o, size in zip(ones, s))))


def _perm_params(shape):
    return st.permutations(list(range(len(shape)))).map(lambda p: {"dims": tuple(p)})


def _transpose_params(shape):
    return st.tuples(S.dim_of(shape), S.dim_of(shape)).map(lambda d: {"d0": d[0], "d1": d[1]})


def _expand_inputs():
    # x of shape a expands to the broadcast of a and b.
    return S.broadcast_shapes().flatmap(lambda sh: st.tuples(
        st.tuples(S.arrays(sh[0])), st.just({"size": S.broadcast_result(*sh)})))


def _sum_to_size_inputs():
    return S.broadcast_shapes().flatmap(lambda sh: st.tuples(
        st.tuples(S.arrays(S.broadcast_result(*sh))), st.just({"size": sh[0]})))


def _concat_inputs(stack):
    @st.composite
    def draw(d):
        shape = d(S.shapes(min_dims=1))
        count = d(st.integers(1, 3))
        if stack:
            dim = d(st.integers(-len(shape) - 1, len(shape)))
            arrays = tuple(d(S.arrays(shape)) for _ in range(count))
        else:
            dim = d(S.dim_of(shape))
            arrays = []
            for _ in range(count):
                s = list(shape)
                s[dim] = d(st.integers(1, S.MAX_SIDE))
                arrays.append(d(S.arrays(tuple(s))))
            arrays = tuple(arrays)
        return arrays, {"dim": dim}
    return draw()


def _narrow_params(shape):
    @st.composite
    def draw(d):
        dim = d(st.integers(0, len(shape) - 1))
        start = d(st.integers(0, shape[dim] - 1))
        length = d(st.integers(1, shape[dim] - start))
        return {"dim": dim, "start": start, "length": length}
    return draw()


def _select_params(shape):
    return S.dim_of(shape).flatmap(lambda dim: st.integers(-shape[dim], shape[dim] - 1).map(
        lambda i: {"dim": dim, "index": i}))


def _gather_params(shape):
    """A dim and an index tensor for gather: in range, repeats allowed, sides up to the input's."""
    def index_for(dim):
        d = dim % len(shape)
        sides = [st.integers(1, 4) if k == d else st.integers(1, n) for k, n in enumerate(shape)]
        return st.tuples(*sides).flatmap(lambda ishape: hnp.arrays(
            np.int64, ishape, elements=st.integers(0, shape[d] - 1)).map(lambda i: {"dim": dim, "index": i}))
    return S.dim_of(shape).flatmap(index_for)


def _gather_ref(a, dim, index):
    d = dim % a.ndim
    a = a[tuple(slice(0, n) if k != d else slice(None) for k, n in enumerate(index.shape))]
    return np.take_along_axis(a, index, axis=d)


def _index_select_params(shape):
    return S.dim_of(shape).flatmap(lambda dim: st.lists(
        st.integers(0, shape[dim] - 1), min_size=0, max_size=5).map(
        lambda i: {"dim": dim, "index": np.array(i, dtype=np.int64)}))


def _advanced_fn(x, kind, index):
    if kind == "array":
        return x[torch.tensor(index)]
    if kind in ("mask", "mask_first"):
        return x[torch.tensor(index)]
    if kind == "slice_then_list":
        return x[:, index]
    return x[index]


def _advanced_ref(a, kind, index):
    if kind == "slice_then_list":
        return a[:, index]
    return a[np.asarray(index)] if kind != "list" else a[index]


def _clamp_inputs(which):
    @st.composite
    def draw(d):
        (x,) = d(S.shapes().flatmap(lambda s: S.distinct(s)))
        low, high = d(S.kink_values(count=2, low=-2.5, high=2.5))
        params = {"both": {"min": low, "max": high}, "min": {"min": low}, "max": {"max": high}}[which]
        return (x,), params
    return draw()


def _matmul_inputs(kind):
    return _no_params(S.matmul_shapes(kind).flatmap(lambda ab: st.tuples(S.arrays(ab[0]), S.arrays(ab[1]))))


def _pow_inputs(exponents, values):
    return one_with(values, None, lambda s: st.fixed_dictionaries({"n": st.sampled_from(exponents)}))


def _with_mask(two_arrays=False):
    """One input (or two of the same shape) and a boolean mask of that shape."""
    def draw(shape):
        arrays = st.tuples(S.arrays(shape), S.arrays(shape)) if two_arrays else st.tuples(S.arrays(shape))
        return st.tuples(arrays, st.fixed_dictionaries({"mask": S.bool_masks(shape)}))
    return S.shapes().flatmap(draw)


def _setitem_mask(x, mask):
    y = x * 1.0
    y[torch.tensor(mask)] = 0.5
    return y * x


def _np_setitem_mask(a, mask):
    y = a.copy()
    y[mask] = 0.5
    return y * a


def _setitem_mask_values(x, v, mask):
    y = x * 1.0
    y[torch.tensor(mask)] = v[torch.tensor(mask)] ** 2
    return y


def _np_setitem_mask_values(a, v, mask):
    y = a.copy()
    y[mask] = v[mask] ** 2
    return y


def _setitem_row(x):
    y = x * 1.0
    y[0] = x[0] ** 2 + y[-1]            # the value reads the tensor it is written into
    return y


def _np_setitem_row(a):
    y = a.copy()
    y[0] = a[0] ** 2 + a[-1]
    return y


def _view_mul(x):
    b = x * 1.0
    b[:1].mul_(3.0)
    return b * x


def _np_view_mul(a):
    b = a.copy()
    b[:1] *= 3.0
    return b * a


def _view_exp(x):
    b = x * 1.0
    b.reshape(-1)[::2].exp_()
    return b


def _np_view_exp(a):
    b = a.copy()
    flat = b.reshape(-1)
    flat[::2] = np.exp(flat[::2])
    return b


def _base_then_view(x):
    b = x * 1.0
    v = b[:1]
    b.mul_(2.0)                         # v sees the change
    return v * v


def _np_base_then_view(a):
    return (2.0 * a[:1]) ** 2


def _in_place(method):
    def fn(a, b):
        y = a * 1.0          # a non-leaf: in-place is allowed on it
        getattr(y, method)(b)
        return y
    return fn


def _in_place_operator(op):
    def fn(a, b):
        y = a * 1.0
        if op == "+=":
            y += b
        elif op == "-=":
            y -= b
        elif op == "*=":
            y *= b
        else:
            y /= b
        return y
    return fn


def _round_trip(x):
    return x.float().double().exp()


def _distinct1(shape):
    return S.distinct(shape).map(lambda t: t[0])


_sigmoid = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731

CASES = [
    # -- + - * / ** with tensors (broadcasting) and Python numbers --------------------------
    Case("add", two(), lambda a, b: a + b, np.add),
    Case("add_alpha", two(), lambda a, b: torch.add(a, b, alpha=2.5), lambda a, b: a + 2.5 * b),
    Case("sub", two(), lambda a, b: a - b, np.subtract),
    Case("sub_alpha", two(), lambda a, b: torch.sub(a, b, alpha=-1.5), lambda a, b: a + 1.5 * b),
    Case("mul", two(), lambda a, b: a * b, np.multiply),
    Case("div", two(S.arrays, S.nonzero), lambda a, b: a / b, np.divide),
    Case("pow_tensor_exponent", two(S.positive, S.arrays), lambda a, b: a ** b, np.power),
    Case("torch_pow_tensor", two(S.positive, S.arrays), torch.pow, np.power),
    Case("add_scalar", with_scalar(), lambda x, c: x + c, lambda a, c: a + c),
    Case("radd_scalar", with_scalar(), lambda x, c: c + x, lambda a, c: c + a),
    Case("sub_scalar", with_scalar(), lambda x, c: x - c, lambda a, c: a - c),
    Case("rsub_scalar", with_scalar(), lambda x, c: c - x, lambda a, c: c - a),
    Case("mul_scalar", with_scalar(), lambda x, c: x * c, lambda a, c: a * c),
    Case("rmul_scalar", with_scalar(), lambda x, c: c * x, lambda a, c: c * a),
    Case("div_scalar", with_scalar(scalar=S.python_scalars(away_from_zero=0.5)),
         lambda x, c: x / c, lambda a, c: a / c),
    Case("rdiv_scalar", with_scalar(values=S.nonzero), lambda x, c: c / x, lambda a, c: c / a),
    Case("pow_int", _pow_inputs([0, 1, 2, 3], S.arrays), lambda x, n: x ** n, lambda a, n: a ** n),
    Case("pow_negative_int", _pow_inputs([-1, -2], S.nonzero), lambda x, n: x ** n,
         lambda a, n: a ** float(n)),
    Case("pow_fraction", _pow_inputs([0.5, 1.5, -0.5, 2.5], S.positive), lambda x, n: x.pow(n),
         lambda a, n: a ** n),
    Case("rpow_scalar_base", with_scalar(scalar=S.floats(0.5, 3.0)), lambda x, c: c ** x,
         lambda a, c: c ** a),
    Case("torch_pow_scalar_base", with_scalar(scalar=S.floats(0.5, 3.0)), lambda x, c: torch.pow(c, x),
         lambda a, c: c ** a),
    Case("neg", one(), lambda x: -x, np.negative),
    Case("torch_neg", one(), torch.neg, np.negative),
    Case("reciprocal", one(S.nonzero), torch.reciprocal, np.reciprocal),
    # -- matrix products -----------------------------------------------------------------
    *[Case(f"matmul_{a}d_{b}d", _matmul_inputs((a, b)), lambda x, y: x @ y, np.matmul)
      for a, b in S.MATMUL_KINDS],
    Case("torch_matmul", _matmul_inputs((2, 2)), torch.matmul, np.matmul),
    Case("mm", _matmul_inputs((2, 2)), torch.mm, np.matmul),
    Case("mm_method", _matmul_inputs((2, 2)), lambda a, b: a.mm(b), np.matmul),
    Case("mv", _matmul_inputs((2, 1)), torch.mv, np.matmul),
    Case("dot", _matmul_inputs((1, 1)), torch.dot, np.dot),
    # -- reductions ----------------------------------------------------------------------
    Case("sum", one(), lambda x: x.sum(), np.sum),
    Case("torch_sum", one(), torch.sum, np.sum),
    Case("sum_dim", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(False)),
         lambda x, dim, keepdim: x.sum(dim), lambda a, dim, keepdim: a.sum(axis=_np_dims(dim))),
    Case("sum_dim_keepdim", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(True)),
         lambda x, dim, keepdim: x.sum(dim, keepdim=keepdim),
         lambda a, dim, keepdim: a.sum(axis=_np_dims(dim), keepdims=True)),
    Case("mean", one(), lambda x: x.mean(), np.mean),
    Case("mean_dim", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(False)),
         lambda x, dim, keepdim: x.mean(dim), lambda a, dim, keepdim: a.mean(axis=_np_dims(dim))),
    Case("mean_dim_keepdim", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(True)),
         lambda x, dim, keepdim: torch.mean(x, dim, keepdim=True),
         lambda a, dim, keepdim: a.mean(axis=_np_dims(dim), keepdims=True)),
    Case("max", one(_distinct1), lambda x: x.max(), np.max),
    Case("min", one(_distinct1), lambda x: torch.min(x), np.min),
    Case("max_dim", one_with(_distinct1, S.shapes(min_dims=1),
                             _one_dim_params()),
         lambda x, dim, keepdim: x.max(dim).values, lambda a, dim, keepdim: a.max(axis=dim)),
    Case("max_dim_keepdim", one_with(_distinct1, S.shapes(min_dims=1),
                                     _one_dim_params(True)),
         lambda x, dim, keepdim: torch.max(x, dim, keepdim=True)[0],
         lambda a, dim, keepdim: a.max(axis=dim, keepdims=True)),
    Case("min_dim", one_with(_distinct1, S.shapes(min_dims=1),
                             _one_dim_params()),
         lambda x, dim, keepdim: x.min(dim=dim).values, lambda a, dim, keepdim: a.min(axis=dim)),
    Case("min_dim_keepdim", one_with(_distinct1, S.shapes(min_dims=1),
                                     _one_dim_params(True)),
         lambda x, dim, keepdim: x.min(dim, keepdim).values,
         lambda a, dim, keepdim: a.min(axis=dim, keepdims=True)),
    Case("norm", one(S.nonzero), lambda x: x.norm(), lambda a: np.sqrt((a * a).sum())),
    Case("norm_dim", one_with(S.nonzero, S.shapes(min_dims=1), _dims_params(False)),
         lambda x, dim, keepdim: x.norm(dim=dim),
         lambda a, dim, keepdim: np.sqrt((a * a).sum(axis=_np_dims(dim)))),
    Case("norm_dim_keepdim", one_with(S.nonzero, S.shapes(min_dims=1), _dims_params(True)),
         lambda x, dim, keepdim: torch.norm(x, dim=dim, keepdim=True),
         lambda a, dim, keepdim: np.sqrt((a * a).sum(axis=_np_dims(dim), keepdims=True))),
    # -- elementwise ---------------------------------------------------------------------
    Case("exp", one(), torch.exp, np.exp),
    Case("log", one(S.positive), torch.log, np.log),
    Case("sqrt", one(S.positive), lambda x: x.sqrt(), np.sqrt),
    Case("abs", one(_distinct1), torch.abs, np.abs),
    Case("abs_operator", one(_distinct1), abs, np.abs),
    Case("sin", one(), torch.sin, np.sin),
    Case("cos", one(), lambda x: x.cos(), np.cos),
    Case("tanh", one(), torch.tanh, np.tanh),
    Case("sigmoid", one(lambda s: S.arrays(s, -4.0, 4.0)), torch.sigmoid, _sigmoid),
    Case("relu", one(_distinct1), torch.relu, lambda a: np.maximum(a, 0)),
    Case("sign", one(_distinct1), torch.sign, np.sign),
    Case("clamp_min", _clamp_inputs("min"), lambda x, **kw: x.clamp(**kw),
         lambda a, min: np.maximum(a, min)),
    Case("clamp_max", _clamp_inputs("max"), lambda x, **kw: torch.clamp(x, **kw),
         lambda a, max: np.minimum(a, max)),
    Case("clamp_both", _clamp_inputs("both"), lambda x, min, max: x.clamp(min, max),
         lambda a, min, max: np.clip(a, min, max)),
    Case("clip", _clamp_inputs("both"), lambda x, min, max: torch.clip(x, min=min, max=max),
         lambda a, min, max: np.clip(a, min, max)),
    Case("maximum", two_distinct(), torch.maximum, np.maximum),
    Case("max_of_two_tensors", two_distinct(), lambda a, b: torch.max(a, b), np.maximum),
    Case("where", _where_inputs(), lambda a, b, cond: torch.where(torch.tensor(cond), a, b),
         lambda a, b, cond: np.where(cond, a, b)),
    Case("where_scalar_other", one_with(S.arrays, None, lambda s: st.fixed_dictionaries(
        {"cond": S.bool_masks(s)})), lambda x, cond: torch.where(torch.tensor(cond), x, 0.5),
         lambda a, cond: np.where(cond, a, 0.5)),
    # -- shapes --------------------------------------------------------------------------
    Case("reshape", one_with(S.arrays, None, _reshape_params), lambda x, shape: x.reshape(shape),
         lambda a, shape: a.reshape(shape)),
    Case("reshape_varargs", one_with(S.arrays, None, _reshape_params),
         lambda x, shape: torch.reshape(x, shape), lambda a, shape: a.reshape(shape)),
    Case("view", one_with(S.arrays, None, _reshape_params), lambda x, shape: x.view(*shape),
         lambda a, shape: a.reshape(shape)),
    Case("view_as", one(), lambda x: x.view_as(x.detach().reshape(-1)), lambda a: a.reshape(-1)),
    Case("reshape_as", one(), lambda x: x.reshape_as(x.detach().reshape(-1, 1)), lambda a: a.reshape(-1, 1)),
    Case("flatten", one(), lambda x: x.flatten(), lambda a: a.reshape(-1)),
    Case("flatten_range", one(shapes=S.shapes(min_dims=3)), lambda x: torch.flatten(x, 1, 2),
         lambda a: a.reshape(a.shape[0], -1)),
    Case("squeeze", one(shapes=_squeezable_shapes()), lambda x: x.squeeze(), np.squeeze),
    Case("squeeze_dim", one_with(S.arrays, _squeezable_shapes(), lambda s: S.dim_of(s).map(lambda d: {"dim": d})),
         lambda x, dim: x.squeeze(dim),
         lambda a, dim: np.squeeze(a, dim) if a.shape[dim] == 1 else a),
    Case("unsqueeze", one_with(S.arrays, None, lambda s: S.dim_of(s, extra=1).map(lambda d: {"dim": d})),
         lambda x, dim: x.unsqueeze(dim), lambda a, dim: np.expand_dims(a, dim)),
    Case("transpose", one_with(S.arrays, S.shapes(min_dims=1), _transpose_params),
         lambda x, d0, d1: x.transpose(d0, d1), lambda a, d0, d1: np.swapaxes(a, d0, d1)),
    Case("swapaxes", one_with(S.arrays, S.shapes(min_dims=1), _transpose_params),
         lambda x, d0, d1: torch.swapaxes(x, d0, d1), lambda a, d0, d1: np.swapaxes(a, d0, d1)),
    Case("t", one(shapes=S.shapes(max_dims=2)), lambda x: x.t(), lambda a: a.T),
    Case("T_property", one(shapes=S.shapes(max_dims=2)), lambda x: x.T, lambda a: a.T),
    Case("mT_property", one(shapes=S.shapes(min_dims=2)), lambda x: x.mT, lambda a: np.swapaxes(a, -1, -2)),
    Case("permute", one_with(S.arrays, None, _perm_params), lambda x, dims: x.permute(*dims),
         lambda a, dims: np.transpose(a, dims)),
    Case("torch_permute", one_with(S.arrays, None, _perm_params), lambda x, dims: torch.permute(x, dims),
         lambda a, dims: np.transpose(a, dims)),
    Case("expand", _expand_inputs(), lambda x, size: x.expand(*size), lambda a, size: np.broadcast_to(a, size)),
    Case("expand_minus_one", _expand_inputs(),
         lambda x, size: x.expand(*size[:len(size) - x.ndim], *[-1 if s == t else t for s, t in
                                                              zip(x.shape, size[len(size) - x.ndim:])]),
         lambda a, size: np.broadcast_to(a, size)),
    Case("expand_as", _expand_inputs(), lambda x, size: x.expand_as(torch.zeros(size)),
         lambda a, size: np.broadcast_to(a, size)),
    Case("cat", _concat_inputs(stack=False), lambda *xs, dim: torch.cat(xs, dim=dim),
         lambda *arrays, dim: np.concatenate(arrays, axis=dim)),
    Case("stack", _concat_inputs(stack=True), lambda *xs, dim: torch.stack(list(xs), dim),
         lambda *arrays, dim: np.stack(arrays, axis=dim)),
    Case("narrow", one_with(S.arrays, S.shapes(min_dims=1), _narrow_params),
         lambda x, dim, start, length: x.narrow(dim, start, length),
         lambda a, dim, start, length: np.take(a, range(start, start + length), axis=dim)),
    Case("unbind", one(shapes=S.shapes(min_dims=1)), lambda x: torch.unbind(x, 0)),
    Case("select", one_with(S.arrays, S.shapes(min_dims=1), _select_params),
         lambda x, dim, index: x.select(dim, index), lambda a, dim, index: np.take(a, index, axis=dim)),
    # -- indexing ------------------------------------------------------------------------
    Case("basic_index", one_with(S.arrays, S.shapes(min_dims=1),
                                 lambda s: S.basic_indices(s).map(lambda i: {"index": i})),
         lambda x, index: x[index], lambda a, index: a[index]),
    Case("int_index", one_with(S.arrays, S.shapes(min_dims=1),
                               lambda s: st.integers(-s[0], s[0] - 1).map(lambda i: {"i": i})),
         lambda x, i: x[i], lambda a, i: a[i]),
    Case("ellipsis_index", one(shapes=S.shapes(min_dims=2)), lambda x: x[..., -1], lambda a: a[..., -1]),
    Case("none_index", one(shapes=S.shapes(min_dims=1)), lambda x: x[None, :, None], lambda a: a[None, :, None]),
    Case("advanced_index", one_with(S.arrays, S.shapes(min_dims=1),
                                    lambda s: S.advanced_indices(s).map(lambda ki: {"kind": ki[0], "index": ki[1]})),
         _advanced_fn, _advanced_ref),
    Case("repeated_index", one(shapes=S.shapes(min_dims=1)), lambda x: x[[0, 0, -1, 0]],
         lambda a: a[[0, 0, -1, 0]]),
    Case("gather", one_with(S.arrays, S.shapes(min_dims=1), _gather_params),
         lambda x, dim, index: x.gather(dim, torch.tensor(index)), _gather_ref),
    Case("take_along_dim_flat", one_with(S.arrays, S.shapes(min_dims=1), lambda s: st.lists(
             st.integers(0, int(np.prod(s)) - 1), max_size=6).map(lambda i: {"index": np.array(i, dtype=np.int64)})),
         lambda x, index: torch.take_along_dim(x, torch.tensor(index)),
         lambda a, index: np.take(a.reshape(-1), index)),
    Case("index_select", one_with(S.arrays, S.shapes(min_dims=1), _index_select_params),
         lambda x, dim, index: x.index_select(dim, torch.tensor(index)),
         lambda a, dim, index: np.take(a, index, axis=dim)),
    # -- dtypes and copies ---------------------------------------------------------------
    Case("double", one(), lambda x: x.double() * 2, lambda a: a * 2),
    Case("to_float64", one(), lambda x: x.to(torch.float64) * 2, lambda a: a * 2),
    Case("float32_round_trip", one(), _round_trip,
         lambda a: np.exp(a.astype(np.float32).astype(np.float64)),
         gradcheck_kwargs={"eps": 1e-3, "atol": 1e-3, "rtol": 1e-3}),
    Case("sum_to_size", _sum_to_size_inputs(), lambda x, size: x.sum_to_size(size),
         lambda a, size: _np_sum_to_size(a, size)),
    Case("clone", one(), lambda x: x.clone(), lambda a: a.copy()),
    Case("torch_clone", one(), torch.clone, lambda a: a.copy()),
    # -- in place, on non-leaves -----------------------------------------------------------
    Case("add_", same_shape_pair(), _in_place("add_"), np.add),
    Case("sub_", same_shape_pair(), _in_place("sub_"), np.subtract),
    Case("mul_", same_shape_pair(), _in_place("mul_"), np.multiply),
    Case("div_", same_shape_pair(S.arrays, S.nonzero), _in_place("div_"), np.divide),
    Case("pow_", same_shape_pair(S.positive, S.arrays), _in_place("pow_"), np.power),
    Case("iadd", same_shape_pair(), _in_place_operator("+="), np.add),
    Case("isub", same_shape_pair(), _in_place_operator("-="), np.subtract),
    Case("imul", same_shape_pair(), _in_place_operator("*="), np.multiply),
    Case("itruediv", same_shape_pair(S.arrays, S.nonzero), _in_place_operator("/="), np.divide),
    Case("clamp_", _clamp_inputs("both"), lambda x, min, max: (x * 1.0).clamp_(min, max),
         lambda a, min, max: np.clip(a, min, max)),
    # -- assignment into part of a tensor, in-place through views (issue 12) --
    Case("setitem_mask", _with_mask(), _setitem_mask, _np_setitem_mask),
    Case("setitem_mask_values", _with_mask(two_arrays=True), _setitem_mask_values, _np_setitem_mask_values),
    Case("setitem_row_from_itself", one(shapes=S.shapes(min_dims=1)), _setitem_row, _np_setitem_row),
    Case("masked_fill", _with_mask(), lambda x, mask: x.masked_fill(torch.tensor(mask), 0.3) * x,
         lambda a, mask: np.where(mask, 0.3, a) * a),
    Case("view_mul_", one(shapes=S.shapes(min_dims=1)), _view_mul, _np_view_mul),
    Case("view_exp_", one(), _view_exp, _np_view_exp),
    Case("base_mul_then_view", one(shapes=S.shapes(min_dims=1)), _base_then_view, _np_base_then_view),
    Case("sin_", one(), lambda x: (x * 1.0).sin_(), np.sin),
    Case("tanh_", one(), lambda x: (x * 1.0).tanh_(), np.tanh),
    Case("sigmoid_", one(), lambda x: (x * 1.0).sigmoid_(), lambda a: 1 / (1 + np.exp(-a))),
    Case("exp_", one(), lambda x: (x * 1.0).exp_(), np.exp),
]


def _np_sum_to_size(a, size):
    lead = a.ndim - len(size)
    a = a.sum(axis=tuple(range(lead)))
    axes = tuple(i for i, s in enumerate(size) if s == 1 and a.shape[i] != 1)
    return a.sum(axis=axes, keepdims=True)


def _params(cases):
    return [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
            for c in cases]


def test_the_table_has_unique_names():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))


# -- 1. the engine's gradcheck, every op ---------------------------------------------------

@pytest.mark.parametrize("case", _params(CASES))
@SETTINGS
@given(data=st.data())
def test_gradcheck(case, data):
    arrays, params = data.draw(case.inputs)
    inputs = [leaf(a) for a in arrays]
    assert autograd.gradcheck(lambda *xs: case.fn(*xs, **params), inputs, **case.gradcheck_kwargs) is True


# -- 2. plain NumPy finite differences of a NumPy reference, against .backward() -------------

@pytest.mark.parametrize("case", _params([c for c in CASES if c.ref is not None]))
@SETTINGS
@given(data=st.data())
def test_backward_matches_numpy_central_difference(case, data):
    arrays, params = data.draw(case.inputs)
    expected_out = np.asarray(case.ref(*arrays, **params), dtype=np.float64)
    weights = data.draw(S.arrays(expected_out.shape, -1.5, 1.5), label="upstream gradient")

    inputs = [leaf(a) for a in arrays]
    out = case.fn(*inputs, **params)
    tolerance = case.gradcheck_kwargs.get("atol", 1e-7)
    assert tuple(out.shape) == expected_out.shape
    np.testing.assert_allclose(out.detach().numpy(), expected_out, rtol=1e-6, atol=tolerance)

    (out * torch.tensor(weights)).sum().backward()
    h = case.gradcheck_kwargs.get("eps", 1e-6)
    expected = central_difference(lambda *a: float(np.sum(case.ref(*a, **params) * weights)), arrays, h=h)
    for x, g in zip(inputs, expected):
        assert x.grad is not None
        assert x.grad.dtype is torch.float64 and tuple(x.grad.shape) == tuple(x.shape)
        np.testing.assert_allclose(x.grad.numpy(), g, rtol=1e-4, atol=max(1e-6, tolerance))


# -- 3. second derivatives ---------------------------------------------------------------

def _second(name, inputs, fn):
    return pytest.param(inputs, fn, id=name)


SECOND_ORDER = [
    _second("exp", one(), torch.exp),
    _second("sin", one(), torch.sin),
    _second("tanh", one(), torch.tanh),
    _second("sigmoid", one(lambda s: S.arrays(s, -4.0, 4.0)), torch.sigmoid),
    _second("cube", one(), lambda x: x ** 3),
    _second("mul", two(), lambda x, y: x * y),
    _second("log", one(S.positive), torch.log),
    _second("sqrt", one(S.positive), torch.sqrt),
    _second("div", two(S.arrays, S.nonzero), lambda x, y: x / y),
    _second("matmul_2d_2d", _matmul_inputs((2, 2)), torch.matmul),
    _second("matmul_1d_2d", _matmul_inputs((1, 2)), torch.matmul),
    _second("matmul_squared", _matmul_inputs((2, 1)), lambda a, v: (a @ v) ** 2),
    _second("sum_dim_squared", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(False)),
            lambda x, dim, keepdim: x.sum(dim) ** 2),
    _second("sum_all_times_x", one(), lambda x: x.sum() * x),
    _second("mean_keepdim_times_x", one_with(S.arrays, S.shapes(min_dims=1), _dims_params(True)),
            lambda x, dim, keepdim: x.mean(dim, keepdim=True) * x),
    _second("mean_exp", one(), lambda x: x.exp().mean()),
    _second("where", _where_inputs(), lambda a, b, cond: torch.where(torch.tensor(cond), a * a, b.sin())),
    _second("setitem_mask", _with_mask(), lambda x, mask: _setitem_mask(x * x, mask) * x),
    _second("view_mul_", one(shapes=S.shapes(min_dims=1)), lambda x: _view_mul(x * x) * x),
    _second("base_mul_then_view", one(shapes=S.shapes(min_dims=1)), lambda x: _base_then_view(x) * x),
]


def _first_derivative(fn, arrays, params, weights, create_graph=False):
    inputs = [leaf(a) for a in arrays]
    loss = (fn(*inputs, **params) * torch.tensor(weights)).sum()
    return inputs, autograd.grad(loss, inputs, create_graph=create_graph)


@pytest.mark.parametrize("inputs, fn", SECOND_ORDER)
@SETTINGS
@given(data=st.data())
def test_second_derivative_matches_finite_differences_of_the_first(inputs, fn, data):
    arrays, params = data.draw(inputs)
    with torch.no_grad():
        out_shape = tuple(fn(*[torch.tensor(a) for a in arrays], **params).shape)
    weights = data.draw(S.arrays(out_shape, -1.5, 1.5), label="upstream gradient")
    directions = [data.draw(S.arrays(a.shape, -1.0, 1.0), label="direction") for a in arrays]

    # Hessian-vector product by double backward: d/dx <grad f(x), v> = H v.
    xs, grads = _first_derivative(fn, arrays, params, weights, create_graph=True)
    inner = sum((g * torch.tensor(v)).sum() for g, v in zip(grads, directions))
    hvp = autograd.grad(inner, xs, allow_unused=True)

    # The same by central differences of the first derivative along v.
    h = 1e-5
    plus = _first_derivative(fn, [a + h * v for a, v in zip(arrays, directions)], params, weights)[1]
    minus = _first_derivative(fn, [a - h * v for a, v in zip(arrays, directions)], params, weights)[1]
    for got, p, m, a in zip(hvp, plus, minus, arrays):
        expected = (p.numpy() - m.numpy()) / (2 * h)
        got = np.zeros_like(a) if got is None else got.numpy()
        assert got.shape == a.shape
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6)


def test_second_derivative_of_cube_by_hand():
    x = leaf([-1.5, 0.5, 2.0])
    g, = autograd.grad((x ** 3).sum(), x, create_graph=True)
    np.testing.assert_allclose(g.detach().numpy(), 3 * np.array([-1.5, 0.5, 2.0]) ** 2)
    assert g.requires_grad
    gg, = autograd.grad(g.sum(), x)
    np.testing.assert_allclose(gg.numpy(), 6 * np.array([-1.5, 0.5, 2.0]))
    assert not gg.requires_grad



# -- 4. torch.autograd.functional: whole Jacobians and Hessians ------------------------------

def central_difference_jacobian(f, arrays, h=1e-6):
    """d f(*arrays) / d arrays[i], shape ``f(...).shape + arrays[i].shape``, for a NumPy ``f``.

    ``central_difference`` once per output element (its row of every block)."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    out_shape = np.shape(f(*arrays))
    rows = [central_difference(lambda *a, k=k: float(np.asarray(f(*a), dtype=np.float64).reshape(-1)[k]),
                               arrays, h=h)
            for k in range(int(np.prod(out_shape, dtype=int)))]
    return [np.array([row[i] for row in rows]).reshape(out_shape + a.shape) for i, a in enumerate(arrays)]


def central_difference_hessian(f, arrays, h=1e-4):
    """d² f / d arrays[i] d arrays[j] for a scalar NumPy ``f``: block [i][j] has shape
    ``arrays[i].shape + arrays[j].shape``; the mixed central second difference
    (f(++) - f(+-) - f(-+) + f(--)) / 4h², so the oracle never sees a first derivative."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    flat = [a.reshape(-1) for a in arrays]            # views: nudging them nudges the arrays

    def at(nudges):
        saved = [(i, k, flat[i][k]) for i, k, _ in nudges]
        for i, k, d in nudges:
            flat[i][k] += d
        value = float(f(*arrays))
        for i, k, v in reversed(saved):
            flat[i][k] = v
        return value

    blocks = []
    for i, a in enumerate(arrays):
        row = []
        for j, b in enumerate(arrays):
            block = np.zeros((a.size, b.size))
            for k in range(a.size):
                for m in range(b.size):
                    block[k, m] = (at([(i, k, h), (j, m, h)]) - at([(i, k, h), (j, m, -h)])
                                   - at([(i, k, -h), (j, m, h)]) + at([(i, k, -h), (j, m, -h)])) / (4 * h * h)
            row.append(block.reshape(a.shape + b.shape))
        blocks.append(row)
    return blocks


def _case(name):
    return next(c for c in CASES if c.name == name)


# Ops with a NumPy twin, one input or two (a tuple of inputs), every output shape the table
# draws: 0-d (sum, dot), vectors, matrices, 3-d (stack, expand).
JACOBIAN_CASES = [_case(name) for name in (
    "mul", "div", "pow_tensor_exponent", "matmul_2d_2d", "matmul_2d_1d", "dot", "sum", "sum_dim",
    "mean_dim_keepdim", "norm_dim", "exp", "log", "sin", "tanh", "sigmoid", "where", "transpose",
    "permute", "expand", "stack", "cat", "select", "advanced_index", "gather")]


@pytest.mark.parametrize("case", _params(JACOBIAN_CASES))
@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_jacobian_matches_numpy_central_difference(case, data):
    arrays, params = data.draw(case.inputs)
    inputs = tuple(torch.tensor(a) for a in arrays)                 # float64, no requires_grad
    if np.size(case.ref(*arrays, **params)) == 0:       # an all-False mask: nothing to stack, as in PyTorch
        with pytest.raises(RuntimeError, match="stack expects a non-empty TensorList"):
            autograd.functional.jacobian(lambda *xs: case.fn(*xs, **params), inputs)
        return
    expected = central_difference_jacobian(lambda *a: case.ref(*a, **params), arrays)

    got = autograd.functional.jacobian(lambda *xs: case.fn(*xs, **params), inputs)
    assert isinstance(got, tuple) and len(got) == len(inputs)      # a tuple of inputs: one block each
    for block, want in zip(got, expected):
        assert block.dtype is torch.float64 and not block.requires_grad
        assert tuple(block.shape) == want.shape                     # out.shape + inp.shape
        np.testing.assert_allclose(block.numpy(), want, rtol=1e-4, atol=1e-6)

    # A single tensor in, a single tensor out: the block itself, not a tuple.
    single = autograd.functional.jacobian(lambda x: case.fn(x, *inputs[1:], **params), inputs[0])
    assert isinstance(single, torch.Tensor)
    np.testing.assert_allclose(single.numpy(), expected[0], rtol=1e-4, atol=1e-6)


def _weighted(fn, ref, weights):
    """A scalar of one op: sum(weights * op(...)), in the engine and in NumPy."""
    return (lambda *xs, **kw: (fn(*xs, **kw) * torch.tensor(weights)).sum(),
            lambda *a, **kw: float(np.sum(ref(*a, **kw) * weights)))


# Twice differentiable ops (no kinks, no piecewise-linear ones whose Hessian is only zeros).
HESSIAN_CASES = [_case(name) for name in (
    "mul", "div", "pow_tensor_exponent", "pow_int", "matmul_2d_1d", "dot", "exp", "log", "sqrt", "sin",
    "tanh", "sigmoid", "norm", "mean_dim_keepdim")]


@pytest.mark.parametrize("case", _params(HESSIAN_CASES))
@settings(SETTINGS, max_examples=10)
@given(data=st.data())
def test_hessian_matches_numpy_second_differences(case, data):
    arrays, params = data.draw(case.inputs)
    out_shape = np.shape(case.ref(*arrays, **params))
    weights = data.draw(S.arrays(out_shape, -1.5, 1.5), label="weights of the outputs")
    fn, ref = _weighted(case.fn, case.ref, weights)
    inputs = tuple(torch.tensor(a) for a in arrays)
    expected = central_difference_hessian(lambda *a: ref(*a, **params), arrays)

    got = autograd.functional.hessian(lambda *xs: fn(*xs, **params), inputs)
    assert isinstance(got, tuple) and len(got) == len(inputs)
    for row, want_row in zip(got, expected):
        assert isinstance(row, tuple) and len(row) == len(inputs)
        for block, want in zip(row, want_row):
            assert tuple(block.shape) == want.shape and not block.requires_grad
            np.testing.assert_allclose(block.numpy(), want, rtol=1e-4, atol=1e-5)
    # d²f / dx_i dx_j = d²f / dx_j dx_i: the blocks are each other's transposes.
    for i, row in enumerate(got):
        for j, block in enumerate(row):
            a, b = arrays[i].ndim, arrays[j].ndim
            np.testing.assert_allclose(block.numpy(), np.moveaxis(got[j][i].numpy(), tuple(range(b)),
                                                                  tuple(range(a, a + b))), atol=1e-8)


@SETTINGS
@given(data=st.data())
def test_jacobian_with_create_graph_differentiates_again(data):
    """create_graph=True keeps the graph: the Jacobian of x ↦ sin(x) * x.sum() is differentiated
    once more and matches second differences of the NumPy twin."""
    a = data.draw(S.shapes(min_dims=1, max_dims=2).flatmap(S.arrays))
    x = torch.tensor(a, requires_grad=True)
    J = autograd.functional.jacobian(lambda t: torch.sin(t) * t.sum(), x, create_graph=True)
    assert J.requires_grad and tuple(J.shape) == a.shape + a.shape
    w = data.draw(S.arrays(a.shape + a.shape, -1.0, 1.0), label="weights of J")
    (g,) = autograd.grad((J * torch.tensor(w)).sum(), x)
    # d/dx sum(w * J(x)) by central differences of the NumPy Jacobian (itself by differences).
    expected, = central_difference(
        lambda b: float(np.sum(w * central_difference_jacobian(lambda c: np.sin(c) * c.sum(), [b], h=1e-5)[0])),
        [a], h=1e-4)
    np.testing.assert_allclose(g.numpy(), expected, rtol=1e-3, atol=1e-4)


# -- the oracles can fail ------------------------------------------------------------------

class WrongSquare(autograd.Function):
    """x² with the factor 2 forgotten in backward."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.array * x.array

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * x


class RightSquare(WrongSquare):
    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * 2 * x


def test_gradcheck_accepts_a_correct_custom_function():
    assert autograd.gradcheck(RightSquare.apply, [leaf([0.5, -1.0, 2.0])]) is True


def test_gradcheck_returns_false_for_a_wrong_custom_function():
    assert autograd.gradcheck(WrongSquare.apply, [leaf([0.5, -1.0, 2.0])], raise_exception=False) is False


def test_gradcheck_raises_for_a_wrong_custom_function():
    with pytest.raises(autograd.GradcheckError, match="Jacobian mismatch"):
        autograd.gradcheck(WrongSquare.apply, [leaf([0.5, -1.0, 2.0])])
    assert issubclass(autograd.GradcheckError, RuntimeError)


def test_gradcheck_catches_a_wrong_shape_rule():
    # Backward gives d/dx of a *different* op (sum of x, not of x[::-1] * arange): off by a permutation.
    class Flip(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.array[::-1] * np.arange(1.0, x.array.size + 1)

        @staticmethod
        def backward(ctx, grad):
            return grad * torch.arange(1.0, grad.shape[0] + 1, dtype=torch.float64)

    assert autograd.gradcheck(Flip.apply, [leaf([1.0, 2.0, 3.0])], raise_exception=False) is False


def test_central_difference_detects_the_wrong_custom_function():
    a = np.array([0.5, -1.0, 2.0])
    x = leaf(a)
    WrongSquare.apply(x).sum().backward()
    expected, = central_difference(lambda v: float(np.sum(v * v)), [a])
    np.testing.assert_allclose(expected, 2 * a, rtol=1e-6)
    assert not np.allclose(x.grad.numpy(), expected, rtol=1e-4, atol=1e-6)



def test_jacobian_oracle_detects_the_wrong_custom_function():
    a = np.array([0.5, -1.0, 2.0])
    expected, = central_difference_jacobian(lambda v: v * v, [a])
    np.testing.assert_allclose(expected, np.diag(2 * a), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(autograd.functional.jacobian(RightSquare.apply, torch.tensor(a)).numpy(),
                               expected, rtol=1e-6, atol=1e-8)
    wrong = autograd.functional.jacobian(WrongSquare.apply, torch.tensor(a)).numpy()
    assert not np.allclose(wrong, expected, rtol=1e-4, atol=1e-6)


def test_hessian_oracle_detects_a_wrong_second_derivative():
    a = np.array([0.5, -1.0, 2.0])
    (expected,), = central_difference_hessian(lambda v: float(np.sum(v ** 3)), [a])
    np.testing.assert_allclose(expected, np.diag(6 * a), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(autograd.functional.hessian(lambda x: (x ** 3).sum(), torch.tensor(a)).numpy(),
                               expected, rtol=1e-5, atol=1e-6)
    # x³ as WrongSquare(x) * x: the wrong first derivative (2x², not 3x²) differentiates to 4x, not 6x
    wrong = autograd.functional.hessian(lambda x: (WrongSquare.apply(x) * x).sum(), torch.tensor(a)).numpy()
    assert not np.allclose(wrong, expected, rtol=1e-4, atol=1e-6)

# -- edges that do not fit the table ---------------------------------------------------------

def test_sum_over_dim_zero_of_a_0d_tensor():
    x = leaf(2.5)
    y = x.sum(0)
    assert y.shape == ()
    y.backward()
    assert x.grad.item() == 1.0


def test_float32_round_trip_gradient_is_exactly_the_rounded_upstream_gradient():
    a = np.array([[0.1, -1.3], [2.2, 0.7]])
    w = np.array([[1 / 3, -2 / 7], [0.1, 5.0]])
    x = leaf(a)
    (x.float().double() * torch.tensor(w)).sum().backward()
    # ToCopy's backward casts the gradient to float32 and back: w rounded to float32.
    assert x.grad.dtype is torch.float64
    np.testing.assert_array_equal(x.grad.numpy(), w.astype(np.float32).astype(np.float64))


def test_float32_leaf_gets_a_float32_gradient_through_a_float64_graph():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)          # float32
    (x.double() * torch.tensor([0.5, 0.25, 2.0], dtype=torch.float64)).sum().backward()
    assert x.grad.dtype is torch.float32
    np.testing.assert_array_equal(x.grad.numpy(), np.array([0.5, 0.25, 2.0], dtype=np.float32))


def test_max_and_argmax_along_dim_zero_of_a_0d_tensor():
    x = leaf(2.5)
    values, indices = x.max(0)
    assert values.shape == () and indices.item() == 0
    values.backward()
    assert x.grad.item() == 1.0
