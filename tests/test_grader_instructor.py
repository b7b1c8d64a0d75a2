"""An instructor's day as the README tells it (issue 11, section 3), on a small course.

Two toy assignments are in the sources; students handed in only the first one:
a correct notebook (its written answer awaits the instructor), a wrong value with a
Korean hint, and a blank one.  ``autograde`` runs through the command line; then
feedback, export, report and the students' ``check`` are checked against what the
README promises.
"""
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import cli  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.course import Course, CourseError  # noqa: E402

A, OTHER = "toy_grad", "toy_other"
HINT = "힌트: x*x를 미분하면 2x입니다."


def wrong_value_notebook():
    """ex1 answers 3 times the gradient; its visible test carries a hint; ex2 is right."""
    nb = synthetic.student_notebook(synthetic.toy_source_notebook())
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid == "ex1_square":
            c["source"] = c["source"].replace("return x.grad", "return x.grad * 3")
        if gid == "ex1_square_tests":
            old = 'expect_close(g, np.array([2.0, 4.0]), "square_grad([1.0, 2.0])")'
            assert old in c["source"]
            c["source"] = c["source"].replace(old, old[:-1] + f', hint="{HINT}")')
    return nb


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    root = tmp_path_factory.mktemp("instructor")
    for a in (A, OTHER):
        synthetic.write_toy_source(root / "source", a)
    course = Course.open(root / "home", source=root / "source")
    src = synthetic.toy_source_notebook()
    synthetic.write_submission(course.submission_dir("김철수", A), A, src, "correct")
    synthetic.write_submission(course.submission_dir("박민수", A), A, src, "blank")
    folder = course.submission_dir("이영희", A)
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_text(json.dumps(wrong_value_notebook(), ensure_ascii=False), encoding="utf-8")
    course.register([A, OTHER])
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = cli.main(["--course-dir", str(course.home), "autograde", "--no-progress", "-j", "2"])
    return {"course": course, "root": root, "code": code, "out": out.getvalue()}


def auto_scores(course, student):
    with course.gradebook() as gb:
        sub = gb.find_submission_notebook(A, A, student)
        return {g.name: g.auto_score for g in sub.grades}


# -- autograde's summary ---------------------------------------------------------------------------

def test_autograde_ends_with_a_summary_per_lesson(day):
    out, course = day["out"], day["course"]
    assert day["code"] == 0, out
    assert "과제별 요약" in out and "per lesson" in out
    totals = [sum(v for k, v in auto_scores(course, s).items() if k != "q_why") for s in ("김철수", "박민수", "이영희")]
    mean = sum(totals) / 3
    line = next(x for x in out.splitlines() if x.strip().startswith(f"{A}:"))
    assert f"평균 {mean:.1f} / 5점" in line and "노트북 3개" in line, line
    pending = sum(auto_scores(course, s)["q_why"] is None for s in ("김철수", "박민수", "이영희"))
    assert pending == 2 and f"서술형 채점 대기 {pending}개" in line      # answered written answers
    assert OTHER not in out.split("과제별 요약")[1]               # nothing was collected for it
    assert "status --problems" in out and str(course.feedback_dir) in out
    assert f"--course-dir {course.home}" in out                 # the commands work as printed


# -- feedback --------------------------------------------------------------------------------------

def _rows(course, student):
    page = (course.feedback_dir / student / A / f"{A}.html").read_text(encoding="utf-8")
    import html

    out = {}
    for tr in re.findall(r"<tr class='(\w+)'>(.*?)</tr>", page, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", tr[1])]
        out[cells[0]] = {"state": tr[0], "score": cells[2], "result": cells[3], "why": cells[4]}
    return out, page


@pytest.fixture(scope="module")
def feedback(day):
    assert cli.main(["--course-dir", str(day["course"].home), "feedback"]) == 0
    return day["course"]


def test_feedback_a_written_answer_awaits_grading(feedback):
    rows, _ = _rows(feedback, "김철수")
    assert rows["q_why"]["result"] == "채점 대기" and rows["q_why"]["score"] == "- / 1", rows["q_why"]
    assert rows["q_why"]["state"] == "pending"


def test_feedback_explains_every_failure_in_the_table(feedback):
    rows, page = _rows(feedback, "이영희")
    assert rows["ex1_square"]["result"] == "실패"
    assert "기대한 값과 다릅니다" in rows["ex1_square"]["why"], rows
    assert "기대한 값: [2., 4.]" in page                             # the details, further down
    blank, _ = _rows(feedback, "박민수")
    for ex in ("ex1_square", "ex2_mean"):
        assert "아직 답을 작성하지 않았습니다" in blank[ex]["why"], blank
    assert blank["q_why"]["why"] == "답을 작성하지 않았습니다"
    for student in ("김철수", "이영희", "박민수"):
        rows, _ = _rows(feedback, student)
        for ex, row in rows.items():
            if row["result"] != "통과":
                assert row["why"], (student, ex, row)


# -- export ----------------------------------------------------------------------------------------

def _export(day, cwd, *args):
    return subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(day["course"].home), "export", *args],
                          cwd=cwd, capture_output=True, text=True)


def test_export_defaults_to_the_course_folder(day):
    proc = _export(day, day["root"])
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.split(" (")[0].strip())
    assert path.parent == day["course"].home / "exports" and path.is_file()
    table = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert {r["student_id"] for r in table} == {"김철수", "이영희", "박민수"}


def test_export_refuses_a_git_work_tree(day, tmp_path):
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True) if _has_git() else (repo / ".git").mkdir()
    proc = _export(day, repo / "sub", "-o", "grades.csv")               # relative, as in the old README
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "git" in proc.stderr and "--allow-git" in proc.stderr
    assert not (repo / "sub" / "grades.csv").exists()
    proc = _export(day, repo / "sub", "-o", "grades.csv", "--allow-git")
    assert proc.returncode == 0, proc.stderr
    assert (repo / "sub" / "grades.csv").is_file()
    outside = tmp_path / "elsewhere" / "grades.csv"
    assert _export(day, repo, "-o", str(outside)).returncode == 0 and outside.is_file()


def _has_git():
    return subprocess.run(["git", "--version"], capture_output=True).returncode == 0


# -- report ----------------------------------------------------------------------------------------

def test_report_data_covers_what_was_collected(day):
    from grader.report import summarize

    data = summarize(day["course"])
    assert data["assignments"] == [A]
    assert {t["assignment"] for t in data["table"]} == {A} and len(data["table"]) == 3
    ex1 = next(t for t in data["table"] if t["exercise"] == "ex1_square_tests")
    scores = [auto_scores(day["course"], s)["ex1_square_tests"] for s in ("김철수", "이영희", "박민수")]
    assert ex1["graded"] == 3 and ex1["full"] == sum(1 for v in scores if v == 2) and ex1["failed"] == 3 - ex1["full"]
    auto = [t for t in data["table"] if not t["manual"]]
    worst = data["headline"]
    assert worst["failed"] == max(t["failed"] for t in auto)               # the headline is the table's worst row
    assert worst["top"][1] <= worst["failed"]
    assert sorted(data["totals"][A]) == sorted(
        sum(v for v in auto_scores(day["course"], s).values() if v is not None) for s in ("김철수", "이영희", "박민수"))


def test_report_draws_only_collected_assignments(day, tmp_path):
    from grader.report import build

    out = tmp_path / "report"
    index, data = build(day["course"], out)
    assert data["charts"] == [f"scores-{A}.png", "pass-rate.png"]
    assert not (out / f"scores-{OTHER}.png").exists()
    html = index.read_text(encoding="utf-8")
    assert OTHER not in html
    worst = data["headline"]
    assert f"{worst['key']}: {worst['graded']}명 중 {worst['failed']}명 실패" in html
    with pytest.raises(CourseError, match="nothing collected"):
        build(day["course"], tmp_path / "r2", [OTHER])
    proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(day["course"].home), "report", A,
                           "-o", str(tmp_path / "r3")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r3" / f"scores-{A}.png").is_file()


# -- the students' check ---------------------------------------------------------------------------

def test_check_prints_expected_actual_and_hint(tmp_path):
    from grader.check import check
    from grader.execute import Limits

    path = tmp_path / "wrong.ipynb"
    path.write_text(json.dumps(wrong_value_notebook(), ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    code, results = check(path, Limits(cell_timeout=30.0), stream=out)
    text = out.getvalue()
    assert code == 1, text
    block = text.split("ex1_square: ❌ 실패")[1].split("[2]")[0]
    assert "기대한 값과 다릅니다" in block and "기대한 값: [2., 4.]" in block, text
    assert "실제 값:" in block and "12." in block and HINT in block, text
    assert "ex2_mean: ✅ 통과" in text


HIDE = """
import importlib.abc, sys
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "jupyter_client", "ipykernel", "nbformat", "nbgrader"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Hide())
sys.argv = ["grader"] + sys.argv[1:]
from grader.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("command", [["check", "lesson.ipynb"], ["export"]])
def test_without_the_venv_says_how_to_run(tmp_path, command):
    """As with a system ``python3 -m grader ...``: no traceback, the venv's command instead."""
    nb = tmp_path / "lesson.ipynb"
    nb.write_text(json.dumps(synthetic.student_notebook(synthetic.toy_source_notebook())), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", HIDE, "--course-dir", str(tmp_path / "home"), *command],
                          cwd=tmp_path, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 2, text
    assert "Traceback" not in text and "가상 환경" in text and "-m grader" in text, text
    assert ".venv/bin/python" in text and "make lab" in text


def test_check_never_passes_tests_that_did_not_run(tmp_path, monkeypatch):
    """A kernel that could not start leaves the tests unrun: that is a failure, not a pass."""
    import grader.check as chk
    import grader.sandbox as sandbox
    from grader.execute import Issue, RunResult

    class NoZygote:
        def __init__(self, *a, **k):
            pass

        def close(self):
            pass

    class DeadRunner:
        def __init__(self, *a, **k):
            pass

        def run(self, nb, spec, cwd, check_integrity=True):
            code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
            return RunResult(nb=nb, issues=[Issue("kernel_died", "채점용 커널을 시작하지 못했습니다", "no kernel")],
                             not_executed=code)

    monkeypatch.setattr(sandbox, "Zygote", NoZygote)
    monkeypatch.setattr(chk, "NotebookRunner", DeadRunner)
    path = tmp_path / "correct.ipynb"
    path.write_text(json.dumps(synthetic.student_notebook(synthetic.toy_source_notebook()), ensure_ascii=False),
                    encoding="utf-8")
    out = io.StringIO()
    code, results = chk.check(path, stream=out)
    assert code == 1, out.getvalue()
    assert not any(r["ok"] for r in results)
    assert "실행되지 않았습니다" in out.getvalue() and "커널을 시작하지 못했습니다" in out.getvalue()
