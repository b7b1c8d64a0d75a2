"""Kernel limits, one notebook at a time in a real grading kernel: wall clock, memory, output, crashes."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.autograde import NotebookTask, grade_notebook  # noqa: E402
from grader.execute import Limits, NotebookRunner  # noqa: E402
from grader.exercises import spec_from_notebook  # noqa: E402
from grader.sandbox import Zygote  # noqa: E402

A = "toy_grad"
MIB = 1 << 20


@pytest.fixture(scope="module")
def zygote():
    z = Zygote(memory_limit=256 * MIB)
    yield z
    z.close()


def grade(zygote, tmp_path, edits, **limits):
    """Grade the correct toy notebook with ``edits`` ({grade_id: code appended}) under ``limits``."""
    src = synthetic.toy_source_notebook()
    nb = synthetic.student_notebook(src)
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in edits:
            c["source"] += "\n" + edits[gid]
    path = tmp_path / "submitted" / "s" / A / f"{A}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    runner = NotebookRunner(zygote, Limits(**{"cell_timeout": 60.0, "notebook_timeout": 300.0, **limits}))
    paths = {"submitted": str(tmp_path / "submitted"), "autograded": str(tmp_path / "autograded"),
             "source": str(tmp_path)}
    res = grade_notebook(NotebookTask(A, A, str(path), None, [], "h", "s"), spec_from_notebook(src, A, A), "s",
                         paths, runner)
    out = tmp_path / "autograded" / "s" / A / f"{A}.ipynb"
    return res, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else None)


def test_wall_clock_limit_leaves_the_rest_ungraded(zygote, tmp_path):
    res, nb = grade(zygote, tmp_path, {"ex1_square": "import time\ntime.sleep(1.0)",
                                       "ex2_mean": "import time\ntime.sleep(30)"}, notebook_timeout=4.0)
    assert res["status"] == st.INCOMPLETE and "timeout" in res["reasons"]
    assert res["exercises"]["ex1_square_tests"]["score"] == 2
    assert res["exercises"]["ex2_mean_tests"]["graded"] is False        # never ran: not a zero
    assert res["cells"]["ex2_mean_tests"]["needs_manual"] is True       # the formgrader asks a human
    test = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex2_mean_tests")
    assert test["outputs"][0]["ename"] == "NotExecuted"


def test_memory_limit_is_configurable(zygote, tmp_path):
    big = "import numpy as _np\n_x = _np.ones(512 * 2**20 // 8)\n_x[::4096] = 1.0"
    small = "import numpy as _np\n_y = _np.ones(64 * 2**20 // 8)\n_y[::4096] = 1.0"
    res, _ = grade(zygote, tmp_path, {"ex1_square": big, "ex2_mean": small})
    assert "memory_limit" in res["reasons"]
    assert res["exercises"]["ex1_square_tests"]["score"] == 0            # 512 MiB > the 256 MiB limit
    assert res["exercises"]["ex2_mean_tests"]["score"] == 3              # 64 MiB is fine


def test_output_flood_is_truncated(zygote, tmp_path):
    res, nb = grade(zygote, tmp_path, {"ex1_square": "for _i in range(10**7):\n    print(_i)"},
                    cell_timeout=120.0)
    assert "output_truncated" in res["reasons"] and "timeout" not in res["reasons"]
    assert res["exercises"]["ex1_square_tests"]["score"] == 2 and res["exercises"]["ex2_mean_tests"]["score"] == 3
    answer = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square")
    text = "".join(o.get("text", "") for o in answer["outputs"])
    assert len(text) < 200_000 and "Output truncated" in text
    assert len(json.dumps(nb)) < 2 * MIB


def test_a_second_crash_gives_up_after_one_restart(zygote, tmp_path):
    res, nb = grade(zygote, tmp_path, {"ex1_square": "import os\nos._exit(7)", "ex2_mean": "import os\nos._exit(7)"})
    assert res["status"] == st.INCOMPLETE
    assert res["exercises"]["ex2_mean_tests"]["graded"] is False
    assert "kernel_died" in res["reasons"]
    text = " ".join(i["en"] for i in res["issues"])
    assert "exit code 7" in text
    assert res["kernels"] == 2                                            # the first kernel and one restart


def test_crash_in_setup_cell_then_recovery(zygote, tmp_path):
    src = synthetic.toy_source_notebook()
    # a scratch cell that kills the kernel once (a marker file makes it idempotent)
    marker = tmp_path / "once"
    edits = {"ex1_square": f"import os, pathlib\nif not pathlib.Path({str(marker)!r}).exists():\n"
                           f"    pathlib.Path({str(marker)!r}).touch()\n    os._exit(1)"}
    res, _ = grade(zygote, tmp_path, edits)
    assert "kernel_died" in res["reasons"] and res["status"] == st.ISSUES
    assert res["exercises"]["ex1_square_tests"]["score"] == 0             # its own exercise
    assert res["exercises"]["ex2_mean_tests"]["score"] == 3               # replayed and graded
    assert src
