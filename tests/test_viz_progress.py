"""autograd_core.viz.ProgressBar: the helper that replaced lesson 10's 30-line class."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograd_core.viz import ProgressBar  # noqa: E402
from autograd_core.viz import progress  # noqa: E402


class FakeHandle:
    def __init__(self):
        self.shown = []

    def update(self, bar):
        self.shown.append(repr(bar))


@pytest.fixture
def handle(monkeypatch):
    fake = FakeHandle()
    monkeypatch.setattr(progress, "_display", lambda bar: fake)
    return fake


def test_loop_yields_every_item_and_updates_twenty_times(handle):
    bar = ProgressBar(range(200), desc="autograd")
    seen = []
    for epoch in bar:
        seen.append(epoch)
        bar.set_postfix(loss=0.6931471824645996 / (epoch + 1))
    assert seen == list(range(200))
    assert len(handle.shown) == 20
    # After 10 of 200 items: 1 of 30 columns, and the postfix that the 10th pass (epoch 9) set.
    assert handle.shown[0] == "autograd [#" + "." * 29 + "] 10/200 loss=0.0693"
    assert handle.shown[-1] == "autograd [" + "#" * 30 + "] 200/200 loss=0.00347"


def test_last_item_is_always_shown(handle):
    for _ in ProgressBar(range(7), updates=3):
        pass
    # 30 columns: 2/7 fills 8 (8.57 rounded down), 4/7 fills 17, 6/7 fills 25.
    assert handle.shown == ["[" + "#" * 8 + "." * 22 + "] 2/7", "[" + "#" * 17 + "." * 13 + "] 4/7",
                            "[" + "#" * 25 + "." * 5 + "] 6/7", "[" + "#" * 30 + "] 7/7"]


def test_postfix_is_written_as_tqdm_writes_it():
    bar = ProgressBar(range(3))
    bar.set_postfix(loss=0.19907802, epoch=3, lr=0.5, name="sgd")
    assert bar.postfix == "loss=0.199, epoch=3, lr=0.5, name=sgd"
    bar.set_postfix({"big": 12345678.0})
    assert bar.postfix == "big=1.23e+7"
    bar.set_postfix_str("loss 0.1991")
    assert repr(bar) == "[..............................] 0/3 loss 0.1991"


def test_html_view_has_a_progress_element_and_escapes_text():
    bar = ProgressBar(range(4), desc="<b>")
    bar.n = 1
    bar.set_postfix_str("a & b")
    page = bar._repr_html_()
    assert '<progress value="1" max="4"' in page and "(25%)" in page
    assert "&lt;b&gt;" in page and "a &amp; b" in page and "<b>" not in page


def test_without_a_length_only_the_count_shows(handle):
    bar = ProgressBar((i for i in range(3)), desc="gen")
    assert list(bar) == [0, 1, 2]
    assert repr(bar) == "gen 3"
    assert ProgressBar(iter(range(5)), total=5).total == 5


def test_outside_ipython_the_final_line_is_printed(monkeypatch, capsys):
    monkeypatch.setattr(progress, "_display", lambda bar: None)
    assert sum(ProgressBar(range(4), desc="manual")) == 6
    assert capsys.readouterr().out == "manual [" + "#" * 30 + "] 4/4\n"


@pytest.mark.parametrize("kwargs", [{"total": -1}, {"total": 2.5}, {"updates": 0}])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        ProgressBar(range(3), **kwargs)


def test_it_prints_no_time_so_outputs_repeat():
    """tqdm prints speed and elapsed time; this bar must not (the PyTorch-parity test compares outputs)."""
    bar = ProgressBar(range(2), desc="x")
    bar.n = 2
    assert "it/s" not in repr(bar) and ":" not in repr(bar)
