"""Hostile submissions against the checks and the integrity guard, graded end to end.

One ``autograde`` run (module fixture, the real code path: sandboxed workers, the
zygote, the audit channel, the gradebook) grades a class where each student hands
in a *wrong* answer for exercise 1 (``square_grad``) together with one way of making
it pass anyway, and the right answer for exercise 2 (``mean_value``):

=================  ===========================================================
liar               an object equal to everything, true, and any number
frame-thief        a liar whose ``__array__``/``__float__``/``__eq__`` read the
                   expected value out of the checking frames
tensor-liar        a genuine ``Tensor`` whose ``.array`` is replaced by a liar
grad-liar          a genuine leaf whose ``_grad`` slot holds a liar
line-transformer   an IPython line transformer that empties the test cells
manager            IPython's whole input transformer manager replaced
session-send       ``Session.send`` patched: failed cells are reported as ok
session-send-late  the same patch, made by the function while the test runs
guard-swap         the guard's digest, table and restore replaced (they answer
                   with the pristine table), plus the checks' names rebound
observe-patch      grader.observe's GradFlow/expect_passes/WatchedFunction made
                   to always pass
displayhook        ``sys.displayhook(2.0)`` inside the test (partial credit)
display            ``display(2)`` of a number inside the test
=================  ===========================================================

plus an honest correct and an honest blank student.  Every attack scores 0 on
exercise 1; those that tampered are flagged with a reason, the lying objects
simply fail; the honest students are graded exactly and never flagged.
"""
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.autograde import Options, autograde  # noqa: E402
from grader.course import Course  # noqa: E402
from grader.execute import Limits, cell_score  # noqa: E402

A = "toy_grad"
LIMITS = Limits(cell_timeout=20.0, notebook_timeout=120.0)
WRONG = "\ndef square_grad(values):\n    return torch.tensor(values)\n"

LIAR = '''
class _Liar(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __gt__(self, other): return True
    def __bool__(self): return True
    def __float__(self): return 2.0
    def __len__(self): return 2
    def __array__(self, *a, **k):
        import numpy
        return numpy.asarray([2.0, 4.0])
    __hash__ = float.__hash__

def square_grad(values):
    return _Liar(1.0)
'''

# Reads whatever array the checking frames hold (want, expected, ...) and becomes it.
THIEF = '''
import sys as _sys
import numpy as _np

def _steal():
    f = _sys._getframe(1)
    while f is not None:
        for k, v in list(f.f_locals.items()):
            if isinstance(v, _np.ndarray) and v.dtype.kind == "f" and k not in ("got", "g"):
                return v
        f = f.f_back
    return _np.asarray([0.0])

class _Thief:
    def __eq__(self, other): return True
    def __bool__(self): return True
    def __array__(self, *a, **k): return _steal()
    def __float__(self): return float(_steal().ravel()[0])
    def __len__(self): return len(_steal())
    def __iter__(self): return iter(_steal().tolist())
    @property
    def shape(self): return _steal().shape

def square_grad(values):
    return _Thief()
'''

TENSOR_LIAR = THIEF + '''
def square_grad(values):
    t = torch.tensor(values)
    t.array = _Thief()
    return t
'''

GRAD_LIAR = THIEF + '''
def square_grad(values):
    x = torch.tensor(values, requires_grad=True)
    x._grad = _Thief()
    return x.grad if False else x._grad
'''

LINE_TRANSFORMER = '''
def _empty_tests(lines):
    return ["pass\\n"] if any("expect_" in line for line in lines) else lines

get_ipython().input_transformer_manager.line_transforms.append(_empty_tests)
''' + WRONG

MANAGER = '''
from IPython.core.inputtransformer2 import TransformerManager as _TM

class _Manager(_TM):
    def transform_cell(self, cell):
        return "pass\\n" if "expect_" in cell else super().transform_cell(cell)

get_ipython().input_transformer_manager = _Manager()
''' + WRONG

SESSION_SEND = '''
from jupyter_client.session import Session as _Session
_real_send = _Session.send

def _send(self, stream, msg_or_type, content=None, parent=None, *args, **kwargs):
    kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type.get("header", {}).get("msg_type")
    if kind == "error":
        return None                                   # no traceback on iopub
    if kind == "execute_reply" and isinstance(content, dict) and content.get("status") == "error":
        content = {"status": "ok", "execution_count": content.get("execution_count"),
                   "user_expressions": {}, "payload": []}
    return _real_send(self, stream, msg_or_type, content, parent, *args, **kwargs)

_Session.send = _send
''' + WRONG

# The same, installed only when the test calls the function: no check before the test
# cell sees it, so only the worker's own view (the completion marker never ran) does.
SESSION_SEND_LATE = SESSION_SEND.replace("_Session.send = _send", "").replace(WRONG, "") + '''
def square_grad(values):
    _Session.send = _send
    return torch.tensor(values)
'''

GUARD_SWAP = '''
import hashlib as _hashlib, json as _json
_g = _grader_guard
_pristine = _g.table()
def _digest(nonce, _p=_json.dumps(_pristine, sort_keys=True)):
    return _hashlib.sha256((str(nonce) + _p).encode("utf-8")).hexdigest()
_g.digest = _digest
_g.table = lambda expected=False: dict(_pristine)
_g.restore = lambda paths_json: "[]"
type(_g).digest = staticmethod(_digest)
type(_g).restore = lambda self, paths_json: "[]"
expect_close = expect_tensor = lambda *a, **k: None
''' + WRONG

DISPLAYHOOK = '''
def square_grad(values):
    import sys
    sys.displayhook(2.0)
    return None
'''

DISPLAY = '''
def square_grad(values):
    from IPython.display import display
    display(2)
    return torch.tensor(values)
'''

OBSERVE_PATCH = '''
import grader.observe as _go
_go.GradFlow.expect_once = lambda *a, **k: None
_go.GradFlow.count = lambda self, name: 1
_go.expect_passes = lambda *a, **k: None
_go.WatchedFunction.expect_sent = lambda *a, **k: None
''' + WRONG

ATTACKS = {
    "liar": (LIAR, False),
    "frame-thief": (THIEF, False),
    "tensor-liar": (TENSOR_LIAR, False),
    "grad-liar": (GRAD_LIAR, False),
    "line-transformer": (LINE_TRANSFORMER, True),
    "manager": (MANAGER, True),
    "session-send": (SESSION_SEND, True),
    "session-send-late": (SESSION_SEND_LATE, True),
    "guard-swap": (GUARD_SWAP, True),
    "observe-patch": (OBSERVE_PATCH, True),
    "displayhook": (DISPLAYHOOK, False),
    "display": (DISPLAY, False),
}


def _attacked(src, code):
    nb = synthetic.student_notebook(src)
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square":
            c["source"] = code
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    synthetic.write_toy_source(root / "source", A)
    course = Course.open(root / "course", source=root / "source")
    src = synthetic.toy_source_notebook()
    synthetic.write_submission(course.submission_dir("honest-correct", A), A, src, "correct")
    synthetic.write_submission(course.submission_dir("honest-blank", A), A, src, "blank")
    for name, (code, _) in ATTACKS.items():
        folder = course.submission_dir(f"s-{name}", A)
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(_attacked(src, code), ensure_ascii=False), encoding="utf-8")
    log = io.StringIO()
    summary = autograde(course, Options(workers=2, limits=LIMITS, stream=log))
    rows = {r["student"]: r for r in st.StatusDB(course.status_db).all()}
    return {"course": course, "summary": summary, "rows": rows, "log": log.getvalue()}


def _ex(rows, student, name):
    return rows[student]["exercises"][name]


def _gradebook(course, student):
    with course.gradebook() as gb:
        sub = gb.find_submission_notebook(A, A, student)
        return {g.name: g.auto_score for g in sub.grades}


def test_every_submission_was_graded(graded):
    assert graded["summary"]["failed"] == 0, graded["log"]
    assert len(graded["rows"]) == len(ATTACKS) + 2


def test_honest_students_are_graded_exactly(graded):
    rows, course = graded["rows"], graded["course"]
    for student, (one, two) in (("honest-correct", (2, 3)), ("honest-blank", (0, 0))):
        assert _ex(rows, student, "ex1_square_tests")["score"] == one, rows[student]
        assert _ex(rows, student, "ex2_mean_tests")["score"] == two, rows[student]
        assert "integrity" not in rows[student]["reasons"], rows[student]["issues"]
        assert not [i for i in rows[student]["issues"] if i["code"] == "integrity"]
        book = _gradebook(course, student)
        assert (book["ex1_square_tests"], book["ex2_mean_tests"]) == (float(one), float(two))


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_scores_zero(graded, name):
    rows, course = graded["rows"], graded["course"]
    student = f"s-{name}"
    assert _ex(rows, student, "ex1_square_tests")["score"] == 0, rows[student]
    assert _gradebook(course, student)["ex1_square_tests"] == 0.0


@pytest.mark.parametrize("name", [n for n, (_, tampers) in ATTACKS.items() if tampers])
def test_tampering_is_flagged_with_a_korean_reason(graded, name):
    row = graded["rows"][f"s-{name}"]
    assert "integrity" in _ex(graded["rows"], f"s-{name}", "ex1_square_tests")["flags"], row
    reasons = [i for i in row["issues"] if i["code"] == "integrity" and i["exercise"] == "ex1_square_tests"]
    assert reasons and all(any("가" <= ch <= "힣" for ch in i["ko"]) for i in reasons), reasons


def test_each_guard_attack_is_named(graded):
    """What the reason says points at what the student changed."""
    def text(name):
        return " ".join(i["en"] for i in graded["rows"][f"s-{name}"]["issues"] if i["code"] == "integrity")
    assert "line_transforms" in text("line-transformer")
    assert "input_transformer_manager" in text("manager")
    assert "Session.send" in text("session-send")
    assert "did not run to its end" in text("session-send-late")     # seen from the worker's side
    assert "Session.send" in text("session-send-late")
    assert "Guard.digest" in text("guard-swap") or "guard.overrides" in text("guard-swap")
    assert "grader.observe" in text("observe-patch"), text("observe-patch")


@pytest.mark.parametrize("name", [n for n, (_, tampers) in ATTACKS.items() if not tampers])
def test_lying_objects_and_fake_scores_just_fail(graded, name):
    """Nothing was patched: the check refused the object (or ignored the number); no flag."""
    rows = graded["rows"]
    assert "integrity" not in _ex(rows, f"s-{name}", "ex1_square_tests")["flags"], rows[f"s-{name}"]["issues"]


def test_untouched_exercise_is_still_graded_after_an_attack(graded):
    rows = graded["rows"]
    for name in ("liar", "frame-thief", "tensor-liar", "grad-liar", "displayhook", "display", "line-transformer",
                 "session-send"):
        assert _ex(rows, f"s-{name}", "ex2_mean_tests")["score"] == 3, (name, rows[f"s-{name}"]["issues"])


def test_the_fake_partial_score_is_shown_but_not_counted(graded):
    course = graded["course"]
    nb = json.loads(course.autograded_path("s-displayhook", A, A).read_text(encoding="utf-8"))
    test = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_square_tests")
    assert any(o.get("output_type") == "execute_result" for o in test["outputs"])      # the 2.0 is there
    assert cell_score(test) == (0.0, 2.0)


def test_cell_score_is_all_or_nothing():
    meta = {"nbgrader": {"grade": True, "solution": False, "points": 2, "grade_id": "t"}}
    number = {"output_type": "execute_result", "data": {"text/plain": "1.5"}, "metadata": {}, "execution_count": 1}
    error = {"output_type": "error", "ename": "AssertionError", "evalue": "", "traceback": []}
    stderr = {"output_type": "stream", "name": "stderr", "text": "warning\n"}
    cell = {"cell_type": "code", "metadata": meta, "source": "", "outputs": []}
    assert cell_score(dict(cell, outputs=[number])) == (2.0, 2.0)
    assert cell_score(dict(cell, outputs=[number, error])) == (0.0, 2.0)
    assert cell_score(dict(cell, outputs=[stderr])) == (2.0, 2.0)
    assert cell_score(dict(cell, outputs=[error])) == (0.0, 2.0)


def test_plain_nbgrader_gives_no_partial_credit():
    """nbgrader_config.py puts NoPartialCredit before SaveAutoGrades, and it works."""
    from nbformat import from_dict
    from nbgrader.converters.autograde import Autograde
    from nbgrader.utils import determine_grade
    from traitlets.config.loader import PyFileConfigLoader

    from grader.no_partial_credit import NoPartialCredit

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    steps = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}"
             for p in Autograde(config=config).autograde_preprocessors]
    assert steps.index("grader.no_partial_credit.NoPartialCredit") < steps.index("nbgrader.preprocessors.SaveAutoGrades")
    meta = {"nbgrader": {"grade": True, "solution": False, "points": 2, "grade_id": "t", "schema_version": 3}}
    number = {"output_type": "execute_result", "data": {"text/plain": "2.0"}, "metadata": {}, "execution_count": 1}
    error = {"output_type": "error", "ename": "AssertionError", "evalue": "", "traceback": []}
    cell = from_dict({"cell_type": "code", "metadata": meta, "source": "", "outputs": [number, error],
                      "execution_count": 1})
    assert determine_grade(cell) == (2.0, 2.0)                  # nbgrader alone: the fake 2 points
    cell, _ = NoPartialCredit().preprocess_cell(cell, {}, 0)
    assert determine_grade(cell) == (0, 2.0)
