"""How a tensor prints: a NumPy port of PyTorch 2.13's ``torch/_tensor_str.py``.

The output is meant to be byte-for-byte what ``repr(torch_tensor)`` prints,
except that dtypes print as ``autograd_core.float64`` instead of
``torch.float64``.  ``tests/golden/printing.json`` holds reprs recorded from
real PyTorch, and ``tests/test_printing.py`` checks every one of them.

The shape of this module follows PyTorch's on purpose, so that a student can
read the two side by side:

* ``_Formatter`` looks at all the values that will be shown and decides, once
  for the whole tensor, how every number is written (integer style ``1.``,
  fixed ``1.0000`` or scientific ``1.0000e+00``) and how wide a column is.
* ``_tensor_str`` walks the dimensions and builds the nested brackets.
* ``tensor_repr`` adds the prefix and the ``dtype=`` / ``grad_fn=`` suffixes.
"""
import dataclasses
import math

import numpy as np

from . import dtypes as _dtypes


@dataclasses.dataclass
class _PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: "bool | None" = None


PRINT_OPTS = _PrintOptions()

_PROFILES = {
    "default": dict(precision=4, threshold=1000, edgeitems=3, linewidth=80),
    "short": dict(precision=2, threshold=1000, edgeitems=2, linewidth=80),
    "full": dict(precision=4, threshold=math.inf, edgeitems=3, linewidth=80),
}


def set_printoptions(precision=None, threshold=None, edgeitems=None,
                     linewidth=None, profile=None, sci_mode=None):
    """Change how tensors print; same arguments and quirks as ``torch.set_printoptions``.

    precision: digits after the decimal point (default 4).
    threshold: more elements than this and the tensor is summarized with ``...``.
    edgeitems: how many items are kept at each end of a summarized dimension.
    linewidth: characters per line before a row of numbers wraps.
    profile: "default", "short" or "full" resets the four options above.
    sci_mode: True / False forces scientific notation on / off; None lets the
        values decide.
    """
    if profile in _PROFILES:
        for name, value in _PROFILES[profile].items():
            setattr(PRINT_OPTS, name, value)
    if precision is not None:
        PRINT_OPTS.precision = precision
    if threshold is not None:
        PRINT_OPTS.threshold = threshold
    if edgeitems is not None:
        PRINT_OPTS.edgeitems = edgeitems
    if linewidth is not None:
        PRINT_OPTS.linewidth = linewidth
    # Unlike the others, sci_mode is always assigned: any call that leaves it
    # out switches back to automatic mode.  PyTorch behaves the same way.
    PRINT_OPTS.sci_mode = sci_mode


def get_printoptions():
    """The current options, as keyword arguments for ``set_printoptions``."""
    return dataclasses.asdict(PRINT_OPTS)


class _Formatter:
    """One number style and one column width, shared by every element.

    ``values`` are only the elements that will actually be printed (the edges
    of a summarized tensor), so hidden values cannot widen the columns.
    """

    def __init__(self, values, is_floating_point):
        self.floating_dtype = is_floating_point
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1

        flat = values.reshape(-1)
        if not self.floating_dtype:
            for value in flat.tolist():
                self.max_width = max(self.max_width, len(f"{value}"))
            return

        # Zeros, nan and inf print the same in every style, so only the other
        # values get a say in which style is chosen.
        shown = flat[np.isfinite(flat) & (flat != 0)]
        if shown.size == 0:
            return

        # The ratio test is done in double precision so that it cannot overflow
        # for float32 values.  Python floats turn an overflow into inf, as torch does.
        magnitudes = np.abs(shown).astype(np.float64)
        smallest, largest = float(magnitudes.min()), float(magnitudes.max())

        # "Integral" is judged in the tensor's own dtype: 16777217 as float32 is
        # already 16777216., an integer.
        self.int_mode = bool(np.all(shown == np.ceil(shown)))

        if PRINT_OPTS.sci_mode is None:
            self.sci_mode = (largest / smallest > 1000.0
                             or largest > 1.0e8
                             or smallest < 1.0e-4)
        else:
            self.sci_mode = PRINT_OPTS.sci_mode

        precision = PRINT_OPTS.precision
        # tolist() turns float32 values into exact Python floats (doubles), and
        # Python's formatting of those doubles is exactly what torch uses.
        for value in shown.tolist():
            if self.sci_mode:
                text = f"{value:.{precision}e}"
            elif self.int_mode:
                text = f"{value:.0f}" + "."
            else:
                text = f"{value:.{precision}f}"
            self.max_width = max(self.max_width, len(text))

    def width(self):
        return self.max_width

    def format(self, value):
        """``value`` is a Python number; returns it right-aligned in the column."""
        if self.floating_dtype:
            if self.sci_mode:
                text = f"{value:{self.max_width}.{PRINT_OPTS.precision}e}"
            elif self.int_mode:
                text = f"{value:.0f}"
                # The dot is what tells a float tensor of whole numbers apart
                # from an integer tensor.  nan and inf are already unmistakable.
                if not (math.isinf(value) or math.isnan(value)):
                    text += "."
            else:
                text = f"{value:.{PRINT_OPTS.precision}f}"
        else:
            text = f"{value}"
        # nan / inf were not measured for the width, so they may stick out
        # instead of being padded; PyTorch prints them that way too.
        return (self.max_width - len(text)) * " " + text


def _summarized_data(a):
    """The elements a summarized print shows: ``edgeitems`` at each end of every dimension."""
    edge = PRINT_OPTS.edgeitems
    if a.ndim == 0:
        return a
    if a.ndim == 1:
        if a.shape[0] > 2 * edge:
            # With edge == 0 this is a[:0] and a[-0:], i.e. the whole vector.
            # PyTorch has the same slip; it only affects the column width.
            return np.concatenate((a[:edge], a[-edge:]))
        return a
    if not edge:
        return np.empty((0,) * a.ndim, dtype=a.dtype)
    if a.shape[0] > 2 * edge:
        rows = list(a[:edge]) + list(a[-edge:])
    else:
        rows = list(a)
    return np.stack([_summarized_data(row) for row in rows])


def _vector_str(a, indent, summarize, formatter):
    # Every element takes its column width plus ", ".
    element_length = formatter.width() + 2
    elements_per_line = max(
        1, math.floor((PRINT_OPTS.linewidth - indent) / element_length))

    edge = PRINT_OPTS.edgeitems
    if summarize and not edge:
        data = ["..."]
    elif summarize and a.shape[0] > 2 * edge:
        data = ([formatter.format(v) for v in a[:edge].tolist()]
                + [" ..."]
                + [formatter.format(v) for v in a[-edge:].tolist()])
    else:
        data = [formatter.format(v) for v in a.tolist()]

    lines = [", ".join(data[i:i + elements_per_line])
             for i in range(0, len(data), elements_per_line)]
    # Continuation lines start under the first element, one past the "[".
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str_with_formatter(a, indent, summarize, formatter):
    """``indent`` is the column where this tensor's "[" stands."""
    if a.ndim == 0:
        return formatter.format(a.item())
    if a.ndim == 1:
        return _vector_str(a, indent, summarize, formatter)

    edge = PRINT_OPTS.edgeitems
    if summarize and a.shape[0] > 2 * edge:
        slices = ([_tensor_str_with_formatter(a[i], indent + 1, summarize, formatter)
                   for i in range(edge)]
                  + ["..."]
                  + [_tensor_str_with_formatter(a[i], indent + 1, summarize, formatter)
                     for i in range(len(a) - edge, len(a))])
    else:
        slices = [_tensor_str_with_formatter(a[i], indent + 1, summarize, formatter)
                  for i in range(a.shape[0])]

    # One blank line between matrices, two between 3-d blocks, and so on:
    # the deeper the split, the more it stands out.
    separator = "," + "\n" * (a.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(slices) + "]"


def _tensor_str(a, indent, is_floating_point):
    if a.size == 0:
        return "[]"
    summarize = a.size > PRINT_OPTS.threshold
    formatter = _Formatter(_summarized_data(a) if summarize else a,
                           is_floating_point)
    return _tensor_str_with_formatter(a, indent, summarize, formatter)


def _add_suffixes(tensor_str, suffixes, indent):
    """Append ``, dtype=...`` etc., moving a suffix to its own line if it would not fit."""
    pieces = [tensor_str]
    # PyTorch's count is two more than the real length of the last line
    # (it reserves room for the ", " in front of the suffix); kept for
    # identical output.
    last_line_len = len(tensor_str) - tensor_str.rfind("\n") + 1
    for suffix in suffixes:
        # Measured as PyTorch spells it ("dtype=torch.float64"), so that our
        # lines break exactly where PyTorch's do even though our name is longer.
        suffix_len = len(suffix.replace("autograd_core.", "torch."))
        if last_line_len + suffix_len + 2 > PRINT_OPTS.linewidth:
            pieces.append(",\n" + " " * indent + suffix)
            last_line_len = indent + suffix_len
        else:
            pieces.append(", " + suffix)
            last_line_len += suffix_len + 2
    pieces.append(")")
    return "".join(pieces)


def tensor_repr(t, prefix="tensor("):
    """The repr PyTorch would print for ``t``.

    ``t`` needs ``array`` (an np.ndarray), ``dtype`` (an autograd_core dtype),
    ``grad_fn`` (None or a node) and ``requires_grad``.  ``prefix`` is the text
    before the first bracket; continuation lines are indented by its length.
    """
    a = np.asarray(t.array)
    indent = len(prefix)
    suffixes = []
    default_dtype = _dtypes.get_default_dtype()

    if a.size == 0:
        # Without elements the shape and dtype cannot be guessed from the
        # numbers, so they are spelled out.  (0,) is what "[]" already says.
        if a.ndim != 1:
            suffixes.append(f"size={tuple(a.shape)}")
        if t.dtype is not default_dtype:
            suffixes.append(f"dtype={t.dtype!r}")
        tensor_str = "[]"
    else:
        if not PRINT_OPTS.edgeitems:
            suffixes.append(f"size={tuple(a.shape)}")
        # int64 and bool are recognisable from the numbers themselves ("1", "True").
        if t.dtype not in (default_dtype, _dtypes.int64, _dtypes.bool):
            suffixes.append(f"dtype={t.dtype!r}")
        tensor_str = _tensor_str(a, indent, t.dtype.is_floating_point)

    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")

    return _add_suffixes(prefix + tensor_str, suffixes, indent)
