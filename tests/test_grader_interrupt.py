"""An interrupted run (Ctrl-C, or the grading process killed) leaves a consistent, resumable gradebook.

The class's notebooks each sleep a little, so that the run can be stopped in
the middle.  After the stop: no process of the run is left (workers, zygotes,
kernels), SQLite says the gradebook is intact, every notebook with a status
row has exactly those scores in the gradebook, and the next run grades only
what is missing.
"""
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.autograde import Options, autograde  # noqa: E402
from grader.course import Course  # noqa: E402
from grader.execute import Limits  # noqa: E402

A = "toy_grad"
N = 4


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("interrupt")
    synthetic.write_toy_source(root / "source", A)
    course = Course.open(root / "home", source=root / "source")
    nb = synthetic.student_notebook(synthetic.toy_source_notebook())
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square":
            c["source"] += "\nimport time\ntime.sleep(1.5)\n"
    for i in range(N):
        folder = course.submission_dir(f"학생 {i}", A)
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return course


def _default_sigint():
    # `make test > log &` from a script, nohup, CI runners: this process may have inherited
    # SIGINT as *ignored*, and exec keeps an ignored signal ignored; the grader must get
    # Ctrl-C as a terminal would deliver it
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(course, *extra):
    return subprocess.Popen([sys.executable, "-m", "grader", "--course-dir", str(course.home), "autograde",
                             "-j", "1", "--no-progress", *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_default_sigint)


def rows(course):
    if not course.status_db.exists():
        return []
    with st.StatusDB(course.status_db) as db:
        return db.all()


def wait_for(condition, timeout=180):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def family(pid):
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def assert_consistent(course):
    con = sqlite3.connect(course.db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with course.gradebook() as gb:
        for r in rows(course):
            sub = gb.find_submission_notebook(r["notebook"], r["assignment"], r["student"])
            got = {g.name: g.auto_score for g in sub.grades}
            for ex_id, info in r["exercises"].items():
                if not info["manual"]:
                    assert got[ex_id] == info["score"], (r["student"], ex_id)


def test_killed_run_leaves_no_process_and_resumes(course):
    proc = start(course)
    assert wait_for(lambda: len(rows(course)) >= 1), proc.stderr.read() if proc.poll() is not None else ""
    tree = family(proc.pid)
    assert any("grader.sandbox" in " ".join(p.cmdline()) for p in tree if p.is_running())
    os.kill(proc.pid, signal.SIGKILL)                       # no chance to clean up
    proc.wait()
    assert wait_for(lambda: not [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE],
                    timeout=60), [p.cmdline() for p in tree if p.is_running()]
    done = len(rows(course))
    assert 1 <= done < N
    assert_consistent(course)
    resumed = autograde(course, Options(workers=1, stream=io.StringIO(), limits=Limits(cell_timeout=30)))
    assert resumed["skipped"] == done and resumed["graded"] == N - done
    assert len(rows(course)) == N
    assert_consistent(course)


def ctrl_c_scenario(course):
    """Start a run, press Ctrl-C once something is graded; ``(returncode, stdout + stderr, leftovers)``."""
    before = {(r["student"], r["graded_at"]) for r in rows(course)}
    proc = start(course, "--force")
    assert wait_for(lambda: {(r["student"], r["graded_at"]) for r in rows(course)} - before)
    tree = family(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)                      # what Ctrl-C in a terminal does
    out, err = proc.communicate(timeout=120)
    wait_for(lambda: not [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], timeout=60)
    left = [p.pid for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    return proc.returncode, out + err, left


def test_ctrl_c_stops_cleanly(course):
    code, output, left = ctrl_c_scenario(course)
    assert code == 130, output
    assert "interrupted" in output and "resume" in output
    assert left == []
    assert_consistent(course)


DRIVER = """
import json, signal, sys
sys.path.insert(0, {tests!r})
assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN, signal.getsignal(signal.SIGINT)
import test_grader_interrupt as t
from grader.course import Course
code, output, left = t.ctrl_c_scenario(Course.open({home!r}))
print(json.dumps([code, output, left]))
"""


def test_ctrl_c_works_when_the_suite_runs_with_sigint_ignored(course):
    """`make test > log &` from a script (or nohup, setsid ...): the suite itself ignores SIGINT."""
    proc = subprocess.run([sys.executable, "-c", DRIVER.format(tests=str(ROOT / "tests"), home=str(course.home))],
                          cwd=ROOT, capture_output=True, text=True, timeout=400,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    code, output, left = json.loads(proc.stdout.strip().splitlines()[-1])
    assert code == 130, output
    assert left == []
    assert_consistent(course)


KERNEL_DRIVER = """
import json, signal, sys
sys.path.insert(0, {root!r})
assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
from grader.exercises import spec_from_notebook
from grader.execute import Limits, NotebookRunner
from grader.sandbox import Zygote
nb = json.loads(open({path!r}, encoding="utf-8").read())
zygote = Zygote(memory_limit=1 << 30, prefork=False)
try:
    run = NotebookRunner(zygote, Limits(cell_timeout=3.0, notebook_timeout=120.0, interrupt_grace=20.0)).run(
        nb, spec_from_notebook(nb, "toy_grad", "toy_grad"), {folder!r}, check_integrity=False)
finally:
    zygote.close()
print(json.dumps([o.get("ename") for c in run.nb["cells"] for o in c.get("outputs", []) if o.get("ename")]))
"""


def test_grading_kernels_get_sigint_even_when_the_grader_ignores_it(tmp_path):
    """A cell over its time limit is interrupted (KeyboardInterrupt in the kernel), not only killed,
    also when the grader itself was started with SIGINT ignored."""
    nb = synthetic.student_notebook(synthetic.toy_source_notebook())
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square":
            c["source"] += "\nimport time\ntime.sleep(60)\n"
    path = tmp_path / "toy_grad.ipynb"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KERNEL_DRIVER.format(root=str(ROOT), path=str(path),
                                                                      folder=str(tmp_path))],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    enames = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "KeyboardInterrupt" in enames, enames            # the kernel stopped on SIGINT, within the grace
