"""Record real PyTorch tensor reprs into tests/golden/printing.json.

Run with a Python that has torch installed (torch is not a dependency of the
project, only of this recorder):

    python tests/golden/record_printing.py

Every case stores the exact bytes of the values, so the test can rebuild the
same array without torch, and the repr torch printed for it.  ``torch.`` in
the repr is rewritten to ``autograd_core.``, the one intended difference.
"""
import base64
import json
import pathlib
import sys

import numpy as np
import torch

OUT = pathlib.Path(__file__).with_name("printing.json")

DTYPES = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
}
FLOATS = ("float32", "float64")

# Operations whose grad_fn name ends up in the repr.
GRAD_OPS = {
    "mul2": lambda x: x * 2,
    "sum": lambda x: x.sum(),
    "add1": lambda x: x + 1,
    "mean": lambda x: x.mean(),
    "exp": lambda x: x.exp(),
    "neg": lambda x: -x,
    "pow2": lambda x: x ** 2,
    "div3": lambda x: x / 3,
    "tanh": lambda x: x.tanh(),
    "sub": lambda x: x - 0.5,
}

cases = []


def add(array, dtype, *, requires_grad=False, op=None, printoptions=None,
        subclass=None, parameter=False, note=""):
    """Build the torch tensor for ``array``, take its repr and store the case."""
    # np.array, not np.ascontiguousarray: the latter turns 0-d arrays into 1-d.
    array = np.array(array, order="C").astype(dtype)
    opts = dict(printoptions or {})
    torch.set_printoptions(profile="default")
    torch.set_printoptions(**opts)
    try:
        t = torch.from_numpy(array.copy())
        if parameter:
            t = torch.nn.Parameter(t, requires_grad=requires_grad)
        elif requires_grad or op:
            t.requires_grad_(True)
        if op:
            t = GRAD_OPS[op](t)
        if subclass:
            t = t.as_subclass(type(subclass, (torch.Tensor,), {}))
        text = repr(t)
        # the values after the op are what is printed
        values = np.array(t.detach().numpy(), order="C")
        dtype_name = str(t.dtype).removeprefix("torch.")
        grad_fn = type(t.grad_fn).__name__ if t.grad_fn is not None else None
        requires = bool(t.requires_grad)
        leaf = bool(t.is_leaf)
    finally:
        torch.set_printoptions(profile="default")

    if parameter:
        header, prefix = "Parameter containing:\n", "tensor("
        assert text.startswith(header)
    else:
        header, prefix = "", (subclass + "(" if subclass else "tensor(")
    cases.append({
        "id": f"{len(cases):04d}-{note or 'case'}",
        "shape": list(values.shape),
        "dtype": dtype_name,
        "data": base64.b64encode(values.astype(values.dtype.newbyteorder("<")).tobytes()).decode(),
        "requires_grad": requires,
        "is_leaf": leaf,
        "grad_fn": grad_fn,
        "printoptions": opts,
        "header": header,
        "prefix": prefix,
        "repr": text.replace("torch.", "autograd_core."),
    })


def scaled(rng, shape, scale, dtype="float32"):
    return (rng.standard_normal(shape) * scale).astype(dtype)


def main():
    rng = np.random.RandomState(20240613)

    shapes = [(), (1,), (2,), (5,), (7,), (3, 4), (1, 1), (4, 1), (1, 6),
              (2, 3, 4), (3, 1, 2), (2, 2, 2, 2), (1, 2, 1, 3)]
    scales = [1.0, 1e-3, 3e-5, 1e3, 123456.0, 1e9, 1e-10, 1e20]

    # Random values of many magnitudes, in both float dtypes.
    for dtype in FLOATS:
        for shape in shapes:
            for scale in scales:
                add(scaled(rng, shape, scale, dtype), dtype, note=f"rand-{dtype}-{scale:g}")

    # Mixed magnitudes in one tensor: the ratio test for scientific notation.
    for ratio in [10, 999, 1000, 1001, 1e4, 1e8]:
        a = np.array([1.5, -2.25, 1.5 * ratio], dtype=np.float32)
        add(a, "float32", note=f"ratio-{ratio:g}")
    # Right at the boundaries of the absolute tests.
    for v in [1e8, 1.0000001e8, 99999999.0, 1e-4, 0.99e-4, 1.01e-4, 9.99995, 99999.99996]:
        add(np.array([v, 1.0]), "float64", note=f"edge-{v!r}")
        add(np.array([v]), "float32", note=f"edge-{v!r}")
    # float32 subnormals and extremes.
    add(np.array([1e-40, 1.0, -3e-45], dtype=np.float32), "float32", note="subnormal")
    add(np.array([np.finfo(np.float32).max, 1.0], dtype=np.float32), "float32", note="f32max")
    add(np.array([np.finfo(np.float64).max, 5e-324]), "float64", note="f64extremes")
    # Values whose rounding differs between the float32 and float64 spelling.
    add(np.array([0.1, 0.2, 0.3, 2.675, 1.00005, 0.00015], dtype=np.float32), "float32", note="roundings")
    add(np.array([0.1, 0.2, 0.3, 2.675, 1.00005, 0.00015]), "float64", note="roundings")
    add(np.array([0.5, 1.5, 2.5, -0.5, 9.5], dtype=np.float32), "float32", note="half")
    add(np.array([9.99996, -9.99996, 0.5]), "float64", note="roundup-widens")

    # Integral floats: printed as "1." unless scientific.
    for dtype in FLOATS:
        for shape in [(), (4,), (3, 3), (2, 2, 3)]:
            for hi in [10, 1000, 10 ** 6, 10 ** 10]:
                a = rng.randint(-hi, hi, size=shape).astype(dtype)
                add(a, dtype, note=f"integral-{hi}")
    add(np.array([16777217.0, 3.0], dtype=np.float32), "float32", note="f32-integral-rounding")
    add(np.array([1e20, 1.0]), "float64", note="integral-sci")
    add(np.array([100000.0, 1.0, 7.0], dtype=np.float32), "float32", note="integral-ratio")

    # Zeros, signed zeros, nan and inf.
    specials = [np.nan, np.inf, -np.inf, 0.0, -0.0]
    for dtype in FLOATS:
        add(np.zeros((2, 3)), dtype, note="zeros")
        add(np.array(-0.0), dtype, note="negzero-scalar")
        add(np.array([0.0, -0.0]), dtype, note="signed-zeros")
        for s in specials:
            add(np.array(s), dtype, note=f"scalar-{s}")
            add(np.array([s, s]), dtype, note=f"only-{s}")
            add(np.array([1.0, s, 3.0]), dtype, note=f"int-with-{s}")
            add(np.array([1.25, s, -300.5]), dtype, note=f"frac-with-{s}")
            add(np.array([1e-7, s, 5.0]), dtype, note=f"sci-with-{s}")
        for shape in [(6,), (3, 4), (2, 2, 3)]:
            for scale in [1.0, 1e6, 1e-6]:
                a = scaled(rng, shape, scale, dtype)
                mask = rng.rand(*shape)
                a[mask < 0.15] = np.nan
                a[(mask >= 0.15) & (mask < 0.25)] = np.inf
                a[(mask >= 0.25) & (mask < 0.35)] = -np.inf
                a[(mask >= 0.35) & (mask < 0.45)] = 0.0
                add(a, dtype, note=f"specials-{scale:g}")

    # Integer and bool tensors.
    for dtype in ("int64", "int32"):
        for shape in [(), (1,), (5,), (3, 4), (2, 3, 2), (1, 1, 1, 4)]:
            for hi in [10, 1000, 2 ** 31 - 1]:
                add(rng.randint(-hi, hi, size=shape, dtype=np.int64), dtype, note=f"{dtype}-{hi}")
    add(np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, 0]), "int64", note="int64-extremes")
    add(np.array([np.iinfo(np.int32).min, 7]), "int32", note="int32-extremes")
    for shape in [(), (1,), (4,), (3, 3), (2, 2, 2)]:
        add(rng.rand(*shape) < 0.5, "bool", note="bool")
    add(np.array([True, True]), "bool", note="bool-all-true")

    # Empty tensors in every dtype.
    for dtype in DTYPES:
        for shape in [(0,), (0, 3), (3, 0), (2, 0, 4), (0, 0)]:
            add(np.zeros(shape), dtype, note=f"empty-{dtype}")
        add(np.zeros((0, 3)), dtype, requires_grad=dtype in FLOATS, note=f"empty-grad-{dtype}")

    # Long rows that wrap at the line width.
    for dtype in ("float32", "float64", "int64", "int32", "bool"):
        for shape in [(30,), (100,), (3, 25), (2, 2, 17), (1, 50)]:
            if dtype in FLOATS:
                a = scaled(rng, shape, rng.choice([1.0, 1e4, 1e-6]), dtype)
            elif dtype == "bool":
                a = rng.rand(*shape) < 0.5
            else:
                a = rng.randint(-10 ** rng.randint(1, 9), 10 ** 9, size=shape)
            add(a, dtype, note=f"wrap-{dtype}")

    # Summarization: more than 1000 elements.
    for dtype in ("float32", "float64", "int64", "bool"):
        for shape in [(1001,), (1500,), (40, 40), (3, 400), (400, 3), (11, 10, 10), (7, 7, 3, 7)]:
            if dtype in FLOATS:
                a = scaled(rng, shape, 10.0, dtype)
            elif dtype == "bool":
                a = rng.rand(*shape) < 0.5
            else:
                a = rng.randint(-50, 50000, size=shape)
            add(a, dtype, note=f"summary-{dtype}")
    add(np.arange(1000, dtype=np.float32), "float32", note="at-threshold")
    # Hidden values do not affect the formatting, visible ones do.
    a = np.ones(2000, dtype=np.float32)
    a[1000] = 1e-9
    add(a, "float32", note="summary-hidden-tiny")
    a[0] = 0.5
    add(a, "float32", note="summary-visible-frac")

    # Autograd: requires_grad leaves and results with a grad_fn.
    for i, op in enumerate(GRAD_OPS):
        for shape in [(), (3,), (2, 3), (9,)]:
            dtype = FLOATS[i % 2]
            add(scaled(rng, shape, 2.0, dtype), dtype, op=op, note=f"grad-{op}")
    for shape in [(), (4,), (2, 5), (8,), (10,), (11,), (3, 11)]:
        for dtype in FLOATS:
            add(scaled(rng, shape, 1.0, dtype), dtype, requires_grad=True, note="leaf")
    # Lengths where the suffix just fits or just spills onto its own line.
    for n in range(5, 14):
        add(scaled(rng, (n,), 1.0, "float64"), "float64", op="mul2", note=f"suffix-spill-{n}")
        add(scaled(rng, (n,), 1.0, "float32"), "float32", requires_grad=True, note=f"suffix-spill-{n}")

    # Print options.
    option_sets = [
        {"precision": 0}, {"precision": 1}, {"precision": 2}, {"precision": 6}, {"precision": 10},
        {"sci_mode": True}, {"sci_mode": False}, {"precision": 2, "sci_mode": True},
        {"linewidth": 40}, {"linewidth": 20}, {"linewidth": 120}, {"linewidth": 1},
        {"threshold": 10}, {"threshold": 5, "edgeitems": 1}, {"threshold": 10, "edgeitems": 2},
        {"edgeitems": 0}, {"threshold": 10, "edgeitems": 0}, {"threshold": 0},
        {"profile": "short"}, {"profile": "full"}, {"profile": "short", "precision": 3},
        {"linewidth": 40, "threshold": 10, "sci_mode": True},
    ]
    for opts in option_sets:
        for shape, dtype, scale in [((), "float32", 1.0), ((12,), "float32", 1.0),
                                    ((4, 6), "float64", 1e5), ((3, 2, 5), "float32", 1e-3)]:
            add(scaled(rng, shape, scale, dtype), dtype, printoptions=opts, note=f"opts-{dtype}")
        add(rng.randint(-5, 5, size=(4, 6)).astype(np.float32), "float32", printoptions=opts, note="opts-integral")
        add(rng.randint(-100, 100, size=(15,)), "int64", printoptions=opts, note="opts-int")
        add(rng.rand(2, 8) < 0.5, "bool", printoptions=opts, note="opts-bool")
        add(np.array([1.0, np.nan, -np.inf, 2.5]), "float32", printoptions=opts, note="opts-specials")
        add(scaled(rng, (5,), 1.0, "float32"), "float32", op="mul2", printoptions=opts, note="opts-grad")
        add(np.zeros((0, 2)), "int64", printoptions=opts, note="opts-empty")
    add(scaled(rng, (1200,), 1.0, "float32"), "float32", printoptions={"profile": "full"}, note="full-large")
    add(scaled(rng, (20, 60), 1.0, "float32"), "float32", printoptions={"profile": "full", "linewidth": 200},
        note="full-wide")
    add(scaled(rng, (2, 3, 4), 1.0, "float32"), "float32", printoptions={"edgeitems": 0, "threshold": 100},
        note="edge0-unsummarized")
    add(scaled(rng, (2, 3, 4), 1.0, "float64"), "float64", printoptions={"edgeitems": 0, "threshold": 10},
        note="edge0-summarized")
    add(np.arange(10, dtype=np.int64), "int64", printoptions={"threshold": 5, "linewidth": 12},
        note="dots-overflow")

    # nn.Parameter: "Parameter containing:" on its own line, then the usual repr.
    for shape, dtype in [((), "float32"), ((3,), "float32"), ((2, 3), "float64"), ((4, 20), "float32"),
                         ((2, 2, 2), "float32"), ((1200,), "float32")]:
        for requires_grad in (True, False):
            add(scaled(rng, shape, 1.0, dtype), dtype, parameter=True, requires_grad=requires_grad,
                note="parameter")

    # Other prefixes: a Tensor subclass prints its class name instead of "tensor".
    for name in ["T", "Buffer", "MyTensor", "AVeryLongTensorSubclassName"]:
        for shape, dtype in [((), "float32"), ((12,), "float32"), ((3, 15), "float64"),
                             ((2, 2, 9), "int64"), ((2000,), "float32"), ((0, 2), "float32")]:
            add(scaled(rng, shape, 1.0, dtype) if dtype in FLOATS else rng.randint(0, 10 ** 6, size=shape),
                dtype, subclass=name, note=f"prefix-{name}")
        add(scaled(rng, (7,), 1.0, "float32"), "float32", subclass=name, op="mul2", note=f"prefix-grad-{name}")

    header = {
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "python": sys.version.split()[0],
        "note": "Recorded by tests/golden/record_printing.py; 'torch.' replaced by 'autograd_core.'.",
        "data_encoding": "base64 of little-endian C-order bytes, dtype and shape given per case",
    }
    OUT.write_text(json.dumps({"header": header, "cases": cases}, indent=0, allow_nan=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
