"""``python -m grader check NOTEBOOK``: the student's self-check, its Korean summary and exit status."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import synthetic  # noqa: E402


def run_check(path):
    """The command line, as a student runs it."""
    return subprocess.run([sys.executable, "-m", "grader", "check", str(path), "--cell-timeout", "20"],
                          cwd=ROOT, capture_output=True, text=True)


class _Result:
    def __init__(self, code, out):
        self.returncode, self.stdout, self.stderr = code, out, ""


def check_here(path):
    """The same check, in this process (no interpreter start-up)."""
    from grader.check import check
    from grader.execute import Limits

    out = io.StringIO()
    code, _ = check(path, Limits(cell_timeout=20.0), stream=out)
    return _Result(code, out.getvalue())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("check")


def _student(folder, name, kind):
    suffix, data = synthetic.make(synthetic.toy_source_notebook(), kind)
    path = folder / f"{name}.ipynb"
    path.write_bytes(data)
    return path


def test_all_visible_tests_pass(folder):
    proc = run_check(_student(folder, "correct", "correct"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2문제 중 2문제 통과" in proc.stdout and "모두 통과했습니다" in proc.stdout
    assert "서술형 1문제" in proc.stdout


def test_a_failing_exercise_exits_1_with_its_message(folder):
    proc = check_here(_student(folder, "partial", "partial"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "ex1_square: ✅ 통과" in proc.stdout
    assert "ex2_mean: ❌ 실패" in proc.stdout
    assert "2문제 중 1문제 통과" in proc.stdout


def test_hidden_tests_are_not_run_and_monkeypatching_is_flagged(folder):
    nb = synthetic.student_notebook(synthetic.toy_source_notebook())
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex2_mean":
            c["source"] = "def mean_value(values):\n    return torch.tensor(2.0)\n"   # visible test only
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square":
            c["source"] = "import numpy as np\nnp.allclose = lambda *a, **k: True\n" + c["source"]
    path = folder / "sneaky.ipynb"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    proc = check_here(path)
    assert "ex2_mean: ✅ 통과" in proc.stdout                 # the released notebook has no hidden tests
    assert "ex1_square: ❌ 실패" in proc.stdout and "numpy: allclose" in proc.stdout
    assert proc.returncode == 1


def test_not_a_notebook_exits_2(folder):
    path = folder / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    proc = run_check(path)
    assert proc.returncode == 2
    assert "노트북을 읽을 수 없습니다" in proc.stdout
