"""End to end: a synthetic class graded by ``grader.autograde``, then exported, fed back, reported.

One autograde run (module fixture) grades a small assignment (2 autograded
exercises with hidden tests, 1 written question) for a class where each
student does one thing: the right answers, nothing, half, an infinite loop
after a correct answer, monkeypatching, lying objects, ``os._exit``, 3 GiB,
an invalid file, no file, a renamed file, deleted or edited test cells, a
harmless warning, a correct answer that then raises, a loop that ignores
Ctrl-C and leaves processes behind, a hard-coded answer that only passes the
visible test.  Each test below checks one promise against that run (or a
follow-up run on the same course).
"""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.autograde import Options, autograde  # noqa: E402
from grader.course import Course, CourseBusy  # noqa: E402
from grader.execute import Limits  # noqa: E402

A = "toy_grad"
MARK = f"grader-orphan-probe-{os.getpid()}"
LIMITS = Limits(cell_timeout=4.0, notebook_timeout=120.0, interrupt_grace=2.0)

STUCK = f'''
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)", "{MARK}-child"])
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)", "{MARK}-session"], start_new_session=True)
subprocess.Popen([sys.executable, "-c",
                  "import os, time\\nif os.fork() == 0:\\n    os.setsid()\\n    time.sleep(900)", "{MARK}-daemon"])
while True:
    try:
        time.sleep(0.2)
    except KeyboardInterrupt:
        pass
'''

WARN = '''
import sys, warnings
def _noisy():
    warnings.warn("이 방법은 느립니다 (harmless warning)")
    print("진단 메시지 on stderr", file=sys.stderr)
'''


def _edit_answer(nb, grade_id, fn):
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            c["source"] = fn(c["source"])
    return nb


def _write(course, student, nb):
    folder = course.submission_dir(student, A)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{A}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def make_class(course):
    src = synthetic.toy_source_notebook()
    kinds = {"김철수": "correct", "student 02": "blank", "이 영희": "partial", "s-loop": "loop",
             "s-patch": "patch", "s-liar": "liar", "s-exit": "exit", "s-memory": "memory",
             "s-invalid": "invalid", "s-renamed": "renamed", "s-deleted": "deleted", "s-edited": "edited"}
    for student, kind in kinds.items():
        synthetic.write_submission(course.submission_dir(student, A), A, src, kind)
    missing = course.submission_dir("s-missing", A)
    missing.mkdir(parents=True)
    (missing / "notes.txt").write_text("노트북을 깜빡했습니다")
    good = synthetic.student_notebook(src)
    # correct answers, plus a warning and stderr output while the tests run
    noisy = json.loads(json.dumps(good))
    _edit_answer(noisy, "ex1_square", lambda s: WARN + "\n" + s.replace("return x.grad", "_noisy()\n    return x.grad"))
    _write(course, "s-warn", noisy)
    # a correct function, then the answer cell raises: its tests must not count
    raising = json.loads(json.dumps(good))
    _edit_answer(raising, "ex1_square", lambda s: s + "\nraise ValueError('끝에서 실수')\n")
    _write(course, "s-raise", raising)
    # ignores SIGINT and leaves processes behind
    stuck = json.loads(json.dumps(good))
    _edit_answer(stuck, "ex1_square", lambda s: s + "\n" + STUCK)
    _write(course, "s-stuck", stuck)
    # passes the visible test only
    hard = json.loads(json.dumps(good))
    _edit_answer(hard, "ex2_mean", lambda s: "def mean_value(values):\n    return torch.tensor(2.0)\n")
    _write(course, "s-hardcode", hard)
    return kinds


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    synthetic.write_toy_source(root / "source", A)
    course = Course.open(root / "course home", source=root / "source")
    make_class(course)
    log = io.StringIO()
    summary = autograde(course, Options(workers=2, limits=LIMITS, stream=log))
    rows = {r["student"]: r for r in st.StatusDB(course.status_db).all()}
    return {"course": course, "summary": summary, "rows": rows, "log": log.getvalue(), "root": root}


def grades(course, student, notebook=A):
    with course.gradebook() as gb:
        sub = gb.find_submission_notebook(notebook, A, student)
        return {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in sub.grades}


def ex(rows, student, name):
    return rows[student]["exercises"][name]


# -- the batch ---------------------------------------------------------------------------------

def test_every_notebook_is_accounted_for(graded):
    rows, summary = graded["rows"], graded["summary"]
    assert summary["failed"] == 0, graded["log"]
    assert len(rows) == 17 and summary["graded"] == 17
    assert "ETA" in graded["log"] and "17/17" in graded["log"]     # the progress bar (plain text: not a TTY)


def test_correct_and_blank_and_partial(graded):
    rows, course = graded["rows"], graded["course"]
    assert rows["김철수"]["status"] == st.GRADED
    assert ex(rows, "김철수", "ex1_square_tests")["score"] == 2 and ex(rows, "김철수", "ex2_mean_tests")["score"] == 3
    assert grades(course, "김철수")["ex1_square_tests"][0] == 2.0
    assert grades(course, "김철수")["q_why"][2] is True                 # the written answer waits for a human
    assert rows["student 02"]["status"] == st.GRADED
    assert ex(rows, "student 02", "ex1_square_tests")["score"] == 0
    assert ex(rows, "이 영희", "ex1_square_tests")["score"] == 2 and ex(rows, "이 영희", "ex2_mean_tests")["score"] == 0


def test_infinite_loop_after_correct_answer_scores_zero(graded):
    rows = graded["rows"]
    loop = rows["s-loop"]
    assert loop["status"] == st.ISSUES and "timeout" in loop["reasons"]
    assert ex(rows, "s-loop", "ex1_square_tests")["score"] == 0          # the function itself was right
    assert "timeout" in ex(rows, "s-loop", "ex1_square_tests")["flags"]
    assert ex(rows, "s-loop", "ex2_mean_tests")["score"] == 3            # the other exercise is still graded


def test_answer_cell_that_raises_zeroes_its_tests(graded):
    rows, course = graded["rows"], graded["course"]
    assert ex(rows, "s-raise", "ex1_square_tests")["score"] == 0
    assert ex(rows, "s-raise", "ex2_mean_tests")["score"] == 3
    nb = json.loads(course.autograded_path("s-raise", A, A).read_text(encoding="utf-8"))
    test = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square_tests")
    assert any(o.get("ename") == "GraderError" for o in test["outputs"])


def test_monkeypatching_is_caught(graded):
    rows = graded["rows"]
    patch = rows["s-patch"]
    assert patch["status"] == st.ISSUES and "integrity" in patch["reasons"]
    assert ex(rows, "s-patch", "ex1_square_tests")["score"] == 0
    text = " ".join(i["en"] for i in patch["issues"] if i["code"] == "integrity")
    assert "grader.checks: expect_close" in text and "numpy: allclose" in text


def test_lying_objects_fail_without_looking_like_tampering(graded):
    rows = graded["rows"]
    assert ex(rows, "s-liar", "ex1_square_tests")["score"] == 0
    assert ex(rows, "s-liar", "ex2_mean_tests")["score"] == 0
    assert "integrity" not in rows["s-liar"]["reasons"]


def test_dead_kernel_is_a_reason_not_a_zero(graded):
    rows = graded["rows"]
    died = rows["s-exit"]
    assert "kernel_died" in died["reasons"] and died["status"] == st.ISSUES
    assert ex(rows, "s-exit", "ex1_square_tests")["score"] == 2          # graded before and after the crash
    assert ex(rows, "s-exit", "ex2_mean_tests")["score"] == 0
    assert "kernel_died" in ex(rows, "s-exit", "ex2_mean_tests")["flags"]


def test_memory_limit(graded):
    rows = graded["rows"]
    mem = rows["s-memory"]
    assert "memory_limit" in mem["reasons"]
    assert ex(rows, "s-memory", "ex1_square_tests")["score"] == 0
    assert ex(rows, "s-memory", "ex2_mean_tests")["score"] == 3


def test_invalid_missing_and_renamed_notebooks(graded):
    rows, course = graded["rows"], graded["course"]
    assert rows["s-invalid"]["status"] == st.NOT_GRADED and rows["s-invalid"]["reasons"] == ["invalid_notebook"]
    assert rows["s-missing"]["status"] == st.NOT_GRADED and rows["s-missing"]["reasons"] == ["missing_notebook"]
    assert not course.autograded_path("s-invalid", A, A).exists()
    renamed = rows["s-renamed"]
    assert renamed["status"] == st.ISSUES and renamed["reasons"] == ["renamed_notebook"]
    assert ex(rows, "s-renamed", "ex2_mean_tests")["score"] == 3


def test_deleted_and_edited_test_cells_are_restored_and_reported(graded):
    rows, course = graded["rows"], graded["course"]
    for student in ("s-deleted", "s-edited"):
        row = rows[student]
        assert "tampered_cells" in row["reasons"], row
        assert ex(rows, student, "ex1_square_tests")["score"] == 0       # the restored tests ran on wrong answers
        nb = json.loads(course.autograded_path(student, A, A).read_text(encoding="utf-8"))
        tests = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex2_mean_tests"]
        assert len(tests) == 1 and "BEGIN HIDDEN TESTS" in "".join(tests[0]["source"])
    kinds = {i["en"].split()[0] for i in rows["s-deleted"]["issues"] if i["code"] == "tampered_cells"}
    assert kinds == {"deleted"}


def test_harmless_stderr_does_not_cost_points(graded):
    rows, course = graded["rows"], graded["course"]
    assert ex(rows, "s-warn", "ex1_square_tests")["score"] == 2
    nb = json.loads(course.autograded_path("s-warn", A, A).read_text(encoding="utf-8"))
    test = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square_tests")
    assert any(o.get("name") == "stderr" for o in test["outputs"])       # the warning really was on stderr


def test_stuck_kernel_is_killed_with_everything_it_started(graded):
    rows = graded["rows"]
    stuck = rows["s-stuck"]
    assert "timeout" in stuck["reasons"]
    assert ex(rows, "s-stuck", "ex1_square_tests")["score"] == 0
    assert ex(rows, "s-stuck", "ex2_mean_tests")["score"] == 3           # a fresh kernel replayed the cells before
    found = subprocess.run(["pgrep", "-f", MARK], capture_output=True, text=True).stdout.split()
    assert found == [], f"orphan processes left: {found}"


def test_gradebook_is_nbgraders(graded):
    """The formgrader's API sees the same course: submissions, scores, notebooks to grade by hand."""
    from nbgrader.apps.api import NbGraderAPI

    course = graded["course"]
    api = NbGraderAPI(coursedir=course.coursedir_from(course.nbgrader_config()), config=course.nbgrader_config())
    subs = {s["student"]: s for s in api.get_submissions(A)}
    assert subs["김철수"]["score"] == 5.0 and subs["김철수"]["autograded"]
    assert subs["s-loop"]["score"] == 3.0
    nb_subs = {s["student"]: s for s in api.get_notebook_submissions(A, A)}
    assert nb_subs["김철수"]["needs_manual_grade"]


# -- resume, idempotence, locking ---------------------------------------------------------------

def _dump(course):
    with course.gradebook() as gb:
        out = {}
        for s in gb.students:
            try:
                sub = gb.find_submission_notebook(A, A, s.id)
            except Exception:  # noqa: BLE001
                continue
            out[s.id] = sorted((g.name, g.auto_score, g.needs_manual_grade) for g in sub.grades)
        return out


def test_second_run_skips_and_force_regrades_identically(graded):
    course = graded["course"]
    before = _dump(course)
    again = autograde(course, Options(workers=2, limits=LIMITS, stream=io.StringIO()))
    assert again["graded"] == 0 and again["skipped"] == 17
    assert _dump(course) == before
    forced = autograde(course, Options(workers=2, limits=LIMITS, stream=io.StringIO(), force=True,
                                       students=["김철수", "s-patch", "s-invalid"]))
    assert forced["graded"] == 3
    assert _dump(course) == before


def test_a_changed_submission_is_graded_again(graded):
    course = graded["course"]
    src = synthetic.toy_source_notebook()
    synthetic.write_submission(course.submission_dir("student 02", A), A, src, "correct")
    run = autograde(course, Options(workers=1, limits=LIMITS, stream=io.StringIO()))
    assert run["graded"] == 1 and run["results"][0]["student"] == "student 02"
    assert grades(course, "student 02")["ex2_mean_tests"][0] == 3.0


def test_overlapping_runs_are_refused(graded):
    course = graded["course"]
    with course.lock("test"):
        with pytest.raises(CourseBusy):
            autograde(course, Options(workers=1, limits=LIMITS, stream=io.StringIO(), force=True))
        proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), "autograde",
                               "--force", "--no-progress"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 3
    assert "another grading run" in proc.stderr


# -- export, feedback, report -------------------------------------------------------------------

def test_export_csv(graded, tmp_path):
    course = graded["course"]
    out = tmp_path / "성적.csv"
    proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), "export", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                                 # BOM: Excel reads UTF-8
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by = {r["student_id"]: r for r in table}
    assert {"김철수", "이 영희", "student 02"} <= set(by)
    assert by["김철수"][f"{A}/ex1_square_tests"] == "2" and by["김철수"][f"{A}/ex2_mean_tests"] == "3"
    assert by["김철수"][f"{A}/q_why"] == ""                                  # waits for manual grading
    assert by["s-invalid"]["status"] == "not_graded" and by["s-invalid"][f"{A}/ex1_square_tests"] == ""
    assert "invalid notebook" in by["s-invalid"]["reasons"]
    assert by["s-missing"]["status"] == "not_graded" and "missing notebook" in by["s-missing"]["reasons"]
    assert by["s-exit"]["status"] == "graded_with_issues" and "kernel died" in by["s-exit"]["reasons"]
    assert by["s-patch"][f"{A}/ex1_square_tests"] == "0" and "monkeypatching" in by["s-patch"]["reasons"]
    assert by["s-loop"]["reasons"].count("timeout") >= 1
    assert by["student 02"]["status"] == "graded"


def test_feedback_scrubs_hidden_tests(graded):
    from grader.feedback import HIDDEN_FAIL

    course = graded["course"]
    proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), "feedback"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    pages = sorted(course.feedback_dir.glob(f"*/{A}/{A}.html"))
    assert len(pages) == 17
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in text
        assert "square_grad([3.0, -1.5, 0.25])" not in text and "hidden check" not in text
        assert "checks.py" not in text                                       # no test-helper frames
        assert "채점 결과" in text
    for student in ("s-hardcode", "이 영희", "s-patch"):                   # answer cells that do not raise
        assert "Traceback" not in (course.feedback_dir / student / A / f"{A}.html").read_text(encoding="utf-8")
    hard = (course.feedback_dir / "s-hardcode" / A / f"{A}.html").read_text(encoding="utf-8")
    assert HIDDEN_FAIL.split(".")[0] in hard
    blank = (course.feedback_dir / "student 02" / A / f"{A}.html").read_text(encoding="utf-8")
    loop = (course.feedback_dir / "s-loop" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "시간 제한" in loop and "0점" in loop
    assert "통과" in blank


def test_report(graded):
    course = graded["course"]
    proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), "report"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    index = course.home / "reports" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert (course.home / "reports" / f"scores-{A}.png").stat().st_size > 1000
    assert (course.home / "reports" / "pass-rate.png").stat().st_size > 1000
    assert "most common failing test" in html and "ex2_mean_tests" in html
    assert "could not be graded" in html
