"""The anti-cheating check, one attack at a time, in a real grading kernel.

Each case hands in a *wrong* answer for exercise 1 together with one way of
making wrong answers pass, and a correct answer for exercise 2.  With the check
switched off the attack works (the case proves it can); with it on, exercise 1
scores 0 with a reason naming what was changed, and exercise 2 (after the
guard put everything back) still gets its 3 points.
"""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import synthetic  # noqa: E402
from grader.autograde import NotebookTask, grade_notebook  # noqa: E402
from grader.execute import Limits, NotebookRunner  # noqa: E402
from grader.exercises import spec_from_notebook  # noqa: E402
from grader.sandbox import Zygote  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import test_grader_hostile as hostile  # noqa: E402

A = "toy_grad"

ATTACKS = {
    "numpy": ("import numpy as np\nnp.allclose = lambda *a, **k: True\n"
              "np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)\n"
              "import grader.checks as _gc\n_gc.expect_tensor = lambda *a, **k: None\n", "numpy: allclose"),
    "code swap": ("import grader.checks as _gc\n_noop = lambda *a, **k: None\n"
                  "_gc.expect_close.__code__ = _noop.__code__\n_gc.expect_tensor.__code__ = _noop.__code__\n",
                  "__code__ expect_close"),
    "names": ("expect_close = expect_tensor = lambda *a, **k: None\n", "notebook names: expect_close"),
    "input transformer": ("get_ipython().input_transformers_cleanup.append(\n"
                          "    lambda lines: ['pass\\n'] if any('expect_' in l for l in lines) else lines)\n",
                          "input_transformers_cleanup"),
    "engine class": ("import autograd_core\n"
                     "autograd_core.Tensor.backward = lambda self, *a, **k: None\n"
                     "expect_close = expect_tensor = lambda *a, **k: None\n",
                     "autograd_core.tensor: Tensor.backward"),
    "builtins": ("import builtins\nbuiltins.abs = lambda x: 0\n"
                 "expect_close = expect_tensor = lambda *a, **k: None\n", "builtins: abs"),
    "trace": ("import sys\nsys.settrace(lambda *a: None)\n"
              "expect_close = expect_tensor = lambda *a, **k: None\n", "sys: trace"),
    # the three that switched the guard itself off before it moved out of the kernel
    "line transformer": (hostile.LINE_TRANSFORMER, "input_transformer_manager.line_transforms"),
    "session send": (hostile.SESSION_SEND, "jupyter_client.session: Session.send"),
    "guard swap": (hostile.GUARD_SWAP, "grader.integrity: Guard.digest"),
}

# grader.checks binds what it compares with at import, so these no longer work even
# without the guard (the guard still names them).
DEFEATED_BY_CHECKS = {"numpy"}


@pytest.fixture(scope="module")
def runner():
    zygote = Zygote(prefork=True)
    yield NotebookRunner(zygote, Limits(cell_timeout=20.0, notebook_timeout=120.0))
    zygote.close()


def submission(tmp_path, attack):
    src = synthetic.toy_source_notebook()
    nb = synthetic.student_notebook(src)
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square":
            c["source"] = attack + "\ndef square_grad(values):\n    return torch.tensor(values)\n"
    path = tmp_path / "submitted" / "s" / A / f"{A}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return path, spec_from_notebook(src, A, A)


def grade(runner, tmp_path, path, spec, check):
    paths = {"submitted": str(tmp_path / "submitted"), "autograded": str(tmp_path / f"out-{check}"),
             "source": str(tmp_path / "source")}
    task = NotebookTask(A, A, str(path), None, [], "h", "s")
    return grade_notebook(task, spec, "s", paths, runner, check_integrity=check)


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_caught(runner, tmp_path, name):
    code, named = ATTACKS[name]
    path, spec = submission(tmp_path, code)
    off = grade(runner, tmp_path, path, spec, check=False)
    if name in DEFEATED_BY_CHECKS:
        assert off["exercises"]["ex1_square_tests"]["score"] == 0
    else:
        assert off["exercises"]["ex1_square_tests"]["score"] == 2, "the attack should work without the check"
    on = grade(runner, tmp_path, path, spec, check=True)
    ex1, ex2 = on["exercises"]["ex1_square_tests"], on["exercises"]["ex2_mean_tests"]
    assert ex1["score"] == 0 and "integrity" in ex1["flags"]
    assert ex2["score"] == 3 and "integrity" not in ex2["flags"]
    text = " ".join(i["en"] for i in on["issues"] if i["code"] == "integrity")
    assert named in text, text


def test_honest_notebook_is_never_flagged(runner, tmp_path):
    path, spec = submission(tmp_path, "import numpy as np\nimport autograd_core as torch\n"
                                      "from grader.checks import expect_close\n")
    res = grade(runner, tmp_path, path, spec, check=True)
    assert not [i for i in res["issues"] if i["code"] == "integrity"]
    assert res["exercises"]["ex2_mean_tests"]["score"] == 3
