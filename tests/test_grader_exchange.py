"""The JupyterHub flow with nbgrader's exchange, locally, in a temporary exchange folder.

instructor release_assignment -> student fetch_assignment -> student submit ->
instructor collect -> ``grader autograde`` -> ``grader feedback`` ->
instructor release_feedback -> student fetch_feedback (docs/deploy.md).
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import synthetic  # noqa: E402
from grader.course import COURSE_ID  # noqa: E402

A = "toy_grad"
STUDENT = "김철수"


def test_exchange_round_trip(tmp_path):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeSubmit
    from traitlets.config import Config

    from grader.cli import main as grader_main
    from grader.course import Course

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)
    source = tmp_path / "source"
    synthetic.write_toy_source(source, A)
    home = tmp_path / "instructor"
    student_dir = tmp_path / "student"
    student_dir.mkdir()

    def grader(*args):
        assert grader_main(["--course-dir", str(home), "--source", str(source), *args]) == 0, args

    def instructor():
        config = Course.open(home).nbgrader_config()
        config.Exchange.root = str(exchange)
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    def student(exchange_class):
        config = Config()
        config.Exchange.root = str(exchange)
        config.Exchange.assignment_dir = str(student_dir)
        config.CourseDirectory.course_id = COURSE_ID
        config.CourseDirectory.assignment_id = A
        config.CourseDirectory.student_id = STUDENT
        exchange_class(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
                       config=config).start()

    def ok(result):
        assert result["success"], result
        return result

    grader("release")
    assert (home / "release" / A / f"{A}.ipynb").is_file()
    ok(instructor().release_assignment(A))

    student(ExchangeFetchAssignment)
    fetched = student_dir / A / f"{A}.ipynb"
    nb = json.loads(fetched.read_text(encoding="utf-8"))
    assert "BEGIN HIDDEN TESTS" not in json.dumps(nb)              # the student never sees them
    # the student solves the notebook in the file they fetched
    solved = synthetic.student_notebook(synthetic.toy_source_notebook())
    answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in solved["cells"]
               if c["metadata"].get("nbgrader", {}).get("solution")}
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in answers:
            c["source"] = answers[gid]
    fetched.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    student(ExchangeSubmit)

    ok(instructor().collect(A))
    assert (home / "submitted" / STUDENT / A / f"{A}.ipynb").is_file()
    grader("autograde", "--no-progress")
    grader("feedback")
    assert (home / "feedback" / STUDENT / A / f"{A}.html").is_file()
    ok(instructor().release_feedback(A))

    student(ExchangeFetchFeedback)
    pages = list((student_dir / A / "feedback").rglob(f"{A}.html"))
    assert len(pages) == 1, list((student_dir / A).rglob("*"))
    page = pages[0].read_text(encoding="utf-8")
    assert "채점 결과" in page and "5 / 6" in page
    assert "BEGIN HIDDEN TESTS" not in page and "square_grad([3.0, -1.5, 0.25])" not in page
