"""A student who has written nothing yet is told so, in every autograded test cell.

The released notebook is run as a student would run it before answering (every
code cell in order, the answer cells still raising NotImplementedError), and each
tests cell must fail with "아직 답을 작성하지 않았습니다", not with a message about
a None value or a raw Python error (issue 11 §3: lesson 01 ex2 said "should be
torch.int64 but is None").  The cells run in this process: drawing cells are
skipped and matplotlib draws off screen.

Lessons are listed as their engineers check them.
"""
import contextlib
import io
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHECKED = ("01_requires_grad", "02_backward_grad")
UNSOLVED = "아직 답을 작성하지 않았습니다"


@pytest.mark.parametrize("slug", CHECKED)
def test_blank_answers_say_so(slug, monkeypatch):
    import matplotlib
    import nbformat

    matplotlib.use("Agg")
    folder = ROOT / "notebooks" / slug
    nb = nbformat.read(folder / f"{slug}.ipynb", as_version=4)
    monkeypatch.chdir(folder)
    namespace = {"__name__": "__main__"}
    outcomes = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "draw_graph(" in cell.source or ".show()" in cell.source:
            continue
        meta = cell.metadata.get("nbgrader", {})
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(cell.source, f"<{slug}>", "exec"), namespace)
            error = None
        except Exception as exc:  # noqa: BLE001 - recorded and judged below
            error = exc
        if meta.get("grade") and meta.get("solution") is False:
            outcomes[meta["grade_id"]] = error
    assert len(outcomes) == 3, f"{slug}: expected three autograded tests cells, found {sorted(outcomes)}"
    for grade_id, error in outcomes.items():
        assert isinstance(error, AssertionError), f"{slug} {grade_id}: a blank answer gives {error!r}"
        assert UNSOLVED in str(error), f"{slug} {grade_id}: a blank answer says {str(error)[:200]!r}"
