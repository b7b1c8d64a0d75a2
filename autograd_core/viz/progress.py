"""``ProgressBar``: a training loop's progress on one line, with tqdm's calls.

    from autograd_core.viz import ProgressBar

    bar = ProgressBar(range(200), desc="autograd")
    for epoch in bar:
        ...
        bar.set_postfix(loss=loss.item())      # shown as "loss=0.199"

Nothing here is autograd: it only keeps the lessons' training loops short.  With
real PyTorch, write ``from tqdm.auto import tqdm`` and ``tqdm(range(200), desc=...)``
instead: the calls (``desc``, ``total``, ``set_postfix``, ``set_postfix_str``) are
tqdm's.  Unlike tqdm it prints no speed or time, so a notebook's output is the
same on every run (and on every machine), and it writes nothing to stderr.

In a notebook the bar is one output that is updated in place (HTML ``<progress>``
in JupyterLab, a text bar where only text shows); without IPython the final line
is printed when the loop ends.
"""
import html
import numbers

__all__ = ["ProgressBar"]

WIDTH = 30   # characters of the text bar


def _format_number(value):
    """tqdm's short form of a number: 0.19907802 -> 0.199, 12345678 -> 1.23e+7."""
    short = f"{value:.3g}".replace("e+0", "e+").replace("e-0", "e-")
    return short if len(short) < len(str(value)) else str(value)


class ProgressBar:
    """Wraps an iterable; shows how far the loop has gone, ``updates`` times in all."""

    def __init__(self, iterable, desc="", total=None, updates=20):
        if total is None:
            try:
                total = len(iterable)
            except TypeError:   # a generator: the count is shown without a bar
                total = None
        if total is not None and (not isinstance(total, numbers.Integral) or total < 0):
            raise ValueError(f"total must be a non-negative integer, got {total!r}")
        if not isinstance(updates, numbers.Integral) or updates < 1:
            raise ValueError(f"updates must be a positive integer, got {updates!r}")
        self.iterable = iterable
        self.desc = str(desc)
        self.total = total
        self.n = 0
        self.postfix = ""
        self._every = max(1, (total or 0) // updates)

    def __len__(self):
        return self.total

    def set_postfix(self, ordered_dict=None, **kwargs):
        """Text after the bar, as tqdm writes it: ``set_postfix(loss=0.1991)`` -> ``loss=0.199``."""
        items = dict(ordered_dict or {}, **kwargs)
        self.postfix = ", ".join(
            f"{key}={_format_number(value) if isinstance(value, numbers.Number) else value}"
            for key, value in items.items())

    def set_postfix_str(self, text=""):
        """Text after the bar, as given."""
        self.postfix = str(text)

    def __iter__(self):
        handle = _display(self)
        for item in self.iterable:
            yield item
            self.n += 1
            if handle is not None and (self.n % self._every == 0 or self.n == self.total):
                handle.update(self)
        if handle is None:      # plain Python: one line at the end
            print(repr(self))

    # -- how it looks ----------------------------------------------------------------------
    def _fraction(self):
        return self.n / self.total if self.total else 1.0

    def __repr__(self):
        head = f"{self.desc} " if self.desc else ""
        if self.total is None:
            text = f"{head}{self.n}"
        else:
            filled = int(WIDTH * self._fraction())
            text = f"{head}[{'#' * filled}{'.' * (WIDTH - filled)}] {self.n}/{self.total}"
        return f"{text} {self.postfix}".rstrip()

    def _repr_html_(self):
        desc = html.escape(self.desc)
        if self.total is None:
            bar = f"{self.n}"
        else:
            bar = (f'<progress value="{self.n}" max="{self.total}" style="width: 40%"></progress> '
                   f"{self.n}/{self.total} ({100 * self._fraction():.0f}%)")
        return f'<div style="font-family: monospace">{desc} {bar} {html.escape(self.postfix)}</div>'


def _display(bar):
    """Show ``bar`` as an output that can be updated (None outside IPython)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    if get_ipython() is None:
        return None
    return display(bar, display_id=True)
