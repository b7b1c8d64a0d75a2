"""The grader on the course's own notebooks (grader/source/), when they exist.

For every lesson: the instructor's solutions, handed in as a student would,
get every autograded point with nothing flagged (no false alarm from the
integrity check, no timeout), and monkeypatching numpy and the check helpers
(with wrong answers) is caught and scores nothing.  (That the untouched
student notebooks fail every test is tests/test_notebooks.py's job.)
"""
import io
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.autograde import Options, autograde  # noqa: E402
from grader.course import REPO_SOURCE, Course  # noqa: E402
from grader.execute import Limits  # noqa: E402
from grader.release import source_notebook, source_slugs  # noqa: E402

SLUGS = source_slugs()
pytestmark = pytest.mark.skipif(not SLUGS, reason="no source notebooks in grader/source/ yet")
KINDS = ("correct", "patch")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    import json

    course = Course.open(tmp_path_factory.mktemp("real") / "home", source=REPO_SOURCE)
    for slug in SLUGS:
        with open(source_notebook(slug), encoding="utf-8") as f:
            src = json.load(f)
        for kind in KINDS:
            synthetic.write_submission(course.submission_dir(f"s-{kind}", slug), slug, src, kind)
    log = io.StringIO()
    summary = autograde(course, Options(limits=Limits(cell_timeout=60.0, notebook_timeout=300.0), stream=log))
    with st.StatusDB(course.status_db) as db:
        rows = {(r["student"], r["assignment"]): r for r in db.all()}
    return summary, rows, log.getvalue()


def test_each_student_is_graded_by_exactly_one_worker(graded):
    summary = graded[0]
    workers = {}
    for r in summary["results"]:
        workers.setdefault(r["student"], set()).add(r["worker"])
    assert all(len(w) == 1 for w in workers.values()), workers
    assert summary["workers"] == min(len(KINDS), os.cpu_count() or 1)
    assert len({w for ws in workers.values() for w in ws}) == summary["workers"]


@pytest.mark.parametrize("slug", SLUGS)
def test_solutions_get_full_marks_without_flags(graded, slug):
    summary, rows, log = graded
    row = rows[("s-correct", slug)]
    assert row["status"] == st.GRADED, (row["reasons"], row["issues"])
    for ex_id, info in row["exercises"].items():
        if not info["manual"]:
            assert info["score"] == info["max"], f"{slug}/{ex_id}: {info}"


@pytest.mark.parametrize("slug", SLUGS)
def test_monkeypatching_is_caught(graded, slug):
    row = graded[1][("s-patch", slug)]
    assert "integrity" in row["reasons"], row["issues"]
    assert all(info["score"] == 0 for info in row["exercises"].values() if not info["manual"])
