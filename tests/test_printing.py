"""Tensor repr: golden reprs recorded from PyTorch, plus property tests of its rules.

The golden cases live in tests/golden/printing.json (made by
tests/golden/record_printing.py, the only place torch is used).
"""
import base64
import contextlib
import json
import math
import pathlib
import re
import types

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_core import dtypes
from autograd_core.printing import get_printoptions, set_printoptions, tensor_repr

GOLDEN = json.loads(
    (pathlib.Path(__file__).parent / "golden" / "printing.json").read_text())
CASES = GOLDEN["cases"]
DEFAULTS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


@contextlib.contextmanager
def printoptions(**kwargs):
    """Apply options on top of the defaults; always restore the defaults afterwards."""
    set_printoptions(profile="default")
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(profile="default")


def fake_tensor(array, dtype_name=None, grad_fn=None, requires_grad=False):
    """The few attributes tensor_repr reads, without needing the Tensor class."""
    array = np.asarray(array)
    node = type(grad_fn, (), {})() if grad_fn else None
    return types.SimpleNamespace(
        array=array,
        dtype=getattr(dtypes, dtype_name or array.dtype.name),
        grad_fn=node,
        requires_grad=requires_grad or node is not None,
        is_leaf=node is None,
    )


def decode(case):
    raw = base64.b64decode(case["data"])
    dtype = np.dtype(case["dtype"]).newbyteorder("<")
    return np.frombuffer(raw, dtype=dtype).reshape(case["shape"])


# --------------------------------------------------------------------------
# Golden reprs from PyTorch
# --------------------------------------------------------------------------

def test_golden_file_is_from_pytorch_and_big_enough():
    assert GOLDEN["header"]["torch_version"].startswith("2.13")
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_pytorch(case):
    array = decode(case)
    t = fake_tensor(array, case["dtype"], case["grad_fn"], case["requires_grad"])
    t.is_leaf = case["is_leaf"]
    with printoptions(**case["printoptions"]):
        got = case["header"] + tensor_repr(t, prefix=case["prefix"])
    assert got == case["repr"]


def test_decoded_float32_bits_are_exact():
    # The golden data must round-trip bit for bit, or the test would compare
    # reprs of slightly different numbers.
    case = next(c for c in CASES if "roundings" in c["id"] and c["dtype"] == "float32")
    assert decode(case).tolist() == np.array(
        [0.1, 0.2, 0.3, 2.675, 1.00005, 0.00015], dtype=np.float32).tolist()


# --------------------------------------------------------------------------
# Print options
# --------------------------------------------------------------------------

def test_printoptions_defaults_profiles_and_sci_mode_reset():
    with printoptions():
        assert get_printoptions() == DEFAULTS
        set_printoptions(precision=2, sci_mode=True)
        set_printoptions(linewidth=50)
        # Every call sets sci_mode, so leaving it out means "automatic" again.
        assert get_printoptions() == dict(DEFAULTS, precision=2, linewidth=50)
        set_printoptions(profile="short")
        assert get_printoptions() == dict(DEFAULTS, precision=2, edgeitems=2)
        set_printoptions(profile="full")
        assert get_printoptions()["threshold"] == math.inf
        saved = get_printoptions()
        set_printoptions(profile="default")
        set_printoptions(**saved)
        assert get_printoptions() == saved
    assert get_printoptions() == DEFAULTS


def test_examples_from_the_pytorch_docs():
    with printoptions(precision=2):
        assert tensor_repr(fake_tensor(np.array([1.12345], np.float32))) == "tensor([1.12])"
    with printoptions(threshold=5):
        assert tensor_repr(fake_tensor(np.arange(10))) == "tensor([0, 1, 2,  ..., 7, 8, 9])"
    assert tensor_repr(fake_tensor(np.arange(10))) == "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"


def test_suffixes():
    x = np.array([1.5, 2.0])
    assert tensor_repr(fake_tensor(x, "float64", requires_grad=True)) == (
        "tensor([1.5000, 2.0000], dtype=autograd_core.float64, requires_grad=True)")
    assert tensor_repr(fake_tensor(x.astype(np.float32), grad_fn="MulBackward0")) == (
        "tensor([1.5000, 2.0000], grad_fn=<MulBackward0>)")
    assert tensor_repr(fake_tensor(np.zeros((0, 3), np.int64))) == (
        "tensor([], size=(0, 3), dtype=autograd_core.int64)")
    assert tensor_repr(fake_tensor(np.zeros(0, np.float32))) == "tensor([])"
    assert tensor_repr(fake_tensor(np.int32(7))) == "tensor(7, dtype=autograd_core.int32)"


# --------------------------------------------------------------------------
# Properties of the layout rules, on random arrays
# --------------------------------------------------------------------------

PREFIXES = ["tensor(", "T(", "Parameter(", "AVeryLongTensorSubclassName("]
SPECIALS = np.array([np.nan, np.inf, -np.inf, 0.0])


@st.composite
def float_arrays(draw, finite=False, max_elements=400):
    """Random float arrays of assorted shapes, magnitudes and integrality."""
    ndim = draw(st.integers(0, 4))
    top = {0: 1, 1: 60, 2: 20, 3: 8, 4: 5}[ndim]
    shape = tuple(draw(st.lists(st.integers(1, top), min_size=ndim, max_size=ndim)))
    while np.prod(shape, dtype=np.int64) > max_elements:
        shape = shape[1:]
    rng = np.random.RandomState(draw(st.integers(0, 2**32 - 1)))
    kind = draw(st.sampled_from(["normal", "integral", "spread", "zeros"]))
    scale = 10.0 ** draw(st.integers(-12, 12))
    if kind == "normal":
        a = rng.standard_normal(shape) * scale
    elif kind == "integral":
        a = np.round(rng.standard_normal(shape) * scale)
    elif kind == "spread":
        a = np.sign(rng.standard_normal(shape)) * 10.0 ** rng.uniform(-8, 8, shape)
    else:
        a = np.where(rng.rand(*shape) < 0.7, 0.0, rng.standard_normal(shape))
    if not finite and a.size and draw(st.booleans()):
        a = np.where(rng.rand(*shape) < 0.2, SPECIALS[rng.randint(0, 4, shape)], a)
    a = np.asarray(a, dtype=draw(st.sampled_from([np.float32, np.float64])))
    # -0. prints one character wider than 0. and is deliberately not aligned by
    # PyTorch (zeros are not measured), so the layout properties exclude it.
    return a + a.dtype.type(0.0)


layout_options = st.fixed_dictionaries({
    "precision": st.integers(0, 8),
    "linewidth": st.integers(10, 150),
    "threshold": st.sampled_from([5, 30, 200, 1000]),
    "edgeitems": st.integers(1, 4),
})


def body(text):
    """The repr without a dtype suffix, which may sit on its own line."""
    return re.sub(r",\s*dtype=autograd_core\.\w+\)$", ")", text)


def element_lines(text, prefix, ndim):
    """(content, elements, starts_row) for every line that holds numbers.

    Numbers start in a fixed column: after the prefix and one "[" per
    dimension.  ``content`` is the line without its closing "]", ")" and ",";
    ``starts_row`` is False for a wrapped continuation of the row above.
    """
    column = len(prefix) + ndim
    for line in text.split("\n"):
        if not line.strip() or line.strip() in ("...", "...,"):
            continue
        lead, rest = line[:column], line[column:]
        assert lead == prefix + "[" * ndim or re.fullmatch(r" *\[*", lead), line
        content = re.sub(r"[\]),]+$", "", line)
        yield content, content[column:].split(", "), lead.endswith("[")


def shown_values(a, threshold=1000, edgeitems=3):
    """Nonzero finite values among those printed: the ones that decide the style and width."""
    if a.size > threshold:
        for axis, n in enumerate(a.shape):
            if n > 2 * edgeitems:
                kept = np.r_[0:edgeitems, n - edgeitems:n]
                a = np.take(a, kept, axis=axis)
    flat = a.reshape(-1)
    return flat[np.isfinite(flat) & (flat != 0)]


@settings(max_examples=120, deadline=None)
@given(float_arrays(finite=True), layout_options, st.sampled_from(PREFIXES))
def test_all_elements_share_one_column_width(a, options, prefix):
    with printoptions(**options):
        text = body(tensor_repr(fake_tensor(a), prefix=prefix))
    if a.ndim == 0:
        return
    elements = [e for _, row, _ in element_lines(text, prefix, a.ndim)
                for e in row if e != " ..."]
    widths = {len(e) for e in elements}
    assert len(widths) == 1, text
    # The column is exactly as wide as the widest number: no extra padding.
    assert max(len(e.strip()) for e in elements) == widths.pop(), text


@settings(max_examples=120, deadline=None)
@given(float_arrays(), layout_options, st.sampled_from(PREFIXES))
def test_rows_wrap_at_linewidth_and_only_when_needed(a, options, prefix):
    with printoptions(**options):
        text = body(tensor_repr(fake_tensor(a), prefix=prefix))
    if a.ndim == 0:
        return
    lines = list(element_lines(text, prefix, a.ndim))
    widths = {len(e) for _, elements, _ in lines for e in elements if e != " ..."}
    measured = shown_values(a, options["threshold"], options["edgeitems"])
    if len(widths) > 1 or measured.size == 0:
        # Only nonzero finite values are measured for the column, so nan, inf
        # and the zeros of an all-zero tensor can print wider than the column
        # the rows were wrapped for; PyTorch then overflows the line width.
        return
    width = widths.pop()
    for i, (content, elements, _) in enumerate(lines):
        if "..." in content:
            # " ..." counts as one element though it may be wider than the
            # column, so PyTorch lets such a line run a few characters over.
            continue
        # +1 for the "," that ends a wrapped line.  A lone element always gets
        # its line, even if it does not fit.
        if len(elements) > 1:
            assert len(content) + 1 <= options["linewidth"], text
        wrapped = i + 1 < len(lines) and not lines[i + 1][2]
        if wrapped:
            # A row only breaks where one more element would not have fitted.
            assert len(content) + 1 + width + 2 > options["linewidth"], text


@settings(max_examples=150, deadline=None)
@given(float_arrays(max_elements=200), st.sampled_from([None, True, False]), st.integers(0, 6))
def test_scientific_notation_iff_the_rule_says_so(a, sci_mode, precision):
    with printoptions(sci_mode=sci_mode, precision=precision):
        text = body(tensor_repr(fake_tensor(a)))
    values = np.abs(shown_values(a)).astype(np.float64)
    if values.size == 0:
        expected = False
    elif sci_mode is not None:
        expected = sci_mode
    else:
        lo, hi = float(values.min()), float(values.max())
        expected = hi / lo > 1000 or hi > 1e8 or lo < 1e-4
    assert bool(re.search(r"\de[+-]\d", text)) == expected, text


@settings(max_examples=150, deadline=None)
@given(float_arrays(max_elements=200), st.integers(0, 6))
def test_integral_floats_end_with_a_dot(a, precision):
    with printoptions(precision=precision, sci_mode=False):
        text = body(tensor_repr(fake_tensor(a)))
    numbers = re.findall(r"-?\d[\d.]*", text)
    assert numbers or not np.isfinite(a).any(), text
    shown = shown_values(a)
    if shown.size == 0 or np.all(shown == np.ceil(shown)):
        assert all(n.endswith(".") for n in numbers), text
    else:
        assert not any(n.endswith(".") for n in numbers), text


@settings(max_examples=80, deadline=None)
@given(float_arrays(), layout_options)
def test_repr_is_deterministic_and_ignores_memory_layout(a, options):
    with printoptions(**options):
        first = tensor_repr(fake_tensor(a))
        assert tensor_repr(fake_tensor(a)) == first
        assert tensor_repr(fake_tensor(np.array(a, order="F"))) == first
        reversed_copy = a.reshape(-1)[::-1].copy()[::-1].reshape(a.shape)
        assert tensor_repr(fake_tensor(reversed_copy)) == first


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-2**63, 2**63 - 1), min_size=1, max_size=40),
       st.sampled_from([1, 2, 3]), st.integers(10, 120))
def test_integers_print_exactly_and_in_order(values, rows, linewidth):
    a = np.array(values * rows, dtype=np.int64).reshape(rows, -1)
    with printoptions(linewidth=linewidth):
        text = tensor_repr(fake_tensor(a))
    assert [int(n) for n in re.findall(r"-?\d+", text)] == a.ravel().tolist()


@settings(max_examples=60, deadline=None)
@given(st.integers(7, 60), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_summary_shows_edgeitems_at_both_ends(n, edgeitems, seed):
    a = np.random.RandomState(seed).randint(-999, 999, size=n)
    with printoptions(threshold=6, edgeitems=edgeitems, linewidth=1000):
        text = tensor_repr(fake_tensor(a))
    head, dots, tail = text.partition(" ...")
    if n > 2 * edgeitems:
        assert dots
        expected = a[:edgeitems].tolist() + a[-edgeitems:].tolist()
    else:
        assert not dots
        expected = a.tolist()
    assert [int(v) for v in re.findall(r"-?\d+", head + tail)] == expected
