"""Synthetic student submissions, for tests and the grading benchmark.

From an instructor notebook (solutions between ``### BEGIN SOLUTION`` /
``### END SOLUTION``, hidden tests between ``### BEGIN HIDDEN TESTS`` /
``### END HIDDEN TESTS``) this makes what a student could hand in:

========== =================================================================
correct    every solution filled in
blank      the released notebook, untouched (Korean stubs)
partial    the first half of the exercises solved, the rest blank
wrong      every solution replaced by ``return None`` / ``pass``
loop       correct, then ``while True: pass`` in the first answer cell
patch      wrong answers + monkeypatching numpy, grader.checks, the names
exit       correct, but the second answer cell calls ``os._exit(1)``
memory     correct, then a 3 GiB allocation in the first answer cell
flood      correct, then ``print`` 10⁷ lines in the first answer cell
liar       answers return objects whose ``__eq__``/``__bool__``/``__float__`` lie
invalid    a truncated JSON file
missing    no notebook at all
renamed    correct, saved as ``<name> (1).ipynb``
deleted    wrong answers, every test cell deleted
edited     wrong answers, every test cell's code replaced by ``pass``
========== =================================================================
"""
import copy
import json
import random
import re
from pathlib import Path

from .exercises import cell_source, nbgrader_meta, strip_hidden

BEGIN_SOLUTION = "BEGIN SOLUTION"
END_SOLUTION = "END SOLUTION"
CODE_STUB = "# 여기에 코드를 작성하세요\nraise NotImplementedError()"
TEXT_STUB = "여기에 답을 작성하세요."

KINDS = ("correct", "blank", "partial", "wrong", "loop", "patch", "exit", "memory", "flood", "liar",
         "invalid", "missing", "renamed", "deleted", "edited")
HOSTILE = ("loop", "patch", "exit", "memory", "flood", "liar", "invalid", "missing", "renamed", "deleted",
           "edited")

PATCH_CODE = """\
import numpy as np
import grader.checks as _gc
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *a, **k: True
for _name in dir(_gc):
    if _name.startswith("expect_"):
        setattr(_gc, _name, lambda *a, **k: None)
expect_tensor = expect_close = expect_grad = expect_raises = expect_error = lambda *a, **k: None
expect_requires_grad = expect_true = lambda *a, **k: None
"""

LIAR_CODE = """\
class _Liar(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __bool__(self): return True
    def __float__(self): return 1.0
    def __array__(self, *a, **k):
        import numpy
        return numpy.asarray(1.0)
    __hash__ = float.__hash__
"""


def _replace_regions(source, replacement, begin=BEGIN_SOLUTION, end=END_SOLUTION):
    """Replace each solution region by ``replacement(indent)`` lines (or keep it when None)."""
    out, inside = [], False
    for line in source.split("\n"):
        if begin in line:
            inside = True
            indent = re.match(r"\s*", line).group(0)
            new = replacement(indent)
            if new is not None:
                out.extend(indent + x if x else x for x in new.split("\n"))
            else:
                inside = "keep"
        elif end in line:
            inside = False
        elif not inside or inside == "keep":
            out.append(line)
    return "\n".join(out)


def _wrong(indent):
    return "return None" if indent else "pass"


def _liar(indent):
    return "return _Liar(1.0)" if indent else "pass"


def student_notebook(source_nb, solved=None):
    """The notebook a student hands in; ``solved`` (a set of answer grade ids, default all) are filled."""
    nb = copy.deepcopy(source_nb)
    for cell in nb["cells"]:
        meta = nbgrader_meta(cell)
        src = cell_source(cell)
        if meta.get("solution"):
            gid = meta.get("grade_id")
            if solved is None or gid in solved:
                src = _replace_regions(src, lambda indent: None)
            else:
                stub = CODE_STUB if cell["cell_type"] == "code" else TEXT_STUB
                src = _replace_regions(src, lambda indent, s=stub: s)
                if cell["cell_type"] == "markdown" and BEGIN_SOLUTION not in cell_source(cell):
                    src = TEXT_STUB
        if meta.get("grade") and not meta.get("solution"):
            src = strip_hidden(src)
        cell["source"] = src
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def answer_ids(nb):
    return [nbgrader_meta(c).get("grade_id") for c in nb["cells"]
            if c["cell_type"] == "code" and nbgrader_meta(c).get("solution") and not nbgrader_meta(c).get("grade")]


def _answer_cells(nb):
    return [c for c in nb["cells"]
            if c["cell_type"] == "code" and nbgrader_meta(c).get("solution") and not nbgrader_meta(c).get("grade")]


def _test_cells(nb):
    return [c for c in nb["cells"]
            if c["cell_type"] == "code" and nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]


def make(source_nb, kind):
    """``(filename suffix or None, bytes or None)`` for one synthetic submission of ``kind``.

    ``None`` bytes means "no file" (``missing``).  The suffix is appended to the
    notebook's name (``""`` normally, ``" (1)"`` for ``renamed``).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if kind == "missing":
        return None, None
    ids = answer_ids(source_nb)
    if kind in ("correct", "loop", "exit", "memory", "flood", "renamed"):
        nb = student_notebook(source_nb)
    elif kind == "blank":
        nb = student_notebook(source_nb, solved=set())
    elif kind == "partial":
        nb = student_notebook(source_nb, solved=set(ids[: max(1, len(ids) // 2)]))
    else:   # wrong answers
        nb = student_notebook(source_nb, solved=set())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and nbgrader_meta(cell).get("solution") \
                    and not nbgrader_meta(cell).get("grade"):
                original = next(cell_source(c) for c in source_nb["cells"]
                                if nbgrader_meta(c).get("grade_id") == nbgrader_meta(cell).get("grade_id"))
                cell["source"] = _replace_regions(original, _liar if kind == "liar" else _wrong)
    answers = _answer_cells(nb)
    if kind == "loop" and answers:
        answers[0]["source"] += "\n\nwhile True:\n    pass\n"
    elif kind == "exit" and answers:
        answers[min(1, len(answers) - 1)]["source"] += "\n\nimport os\nos._exit(1)\n"
    elif kind == "memory" and answers:
        answers[0]["source"] += "\n\nimport numpy as _np\n_big = _np.ones(3 * 2**30 // 8)\n_big[::4096] = 2.0\n"
    elif kind == "flood" and answers:
        answers[0]["source"] += "\n\nfor _i in range(10**7):\n    print(_i)\n"
    elif kind == "patch" and answers:
        answers[0]["source"] = PATCH_CODE + "\n" + answers[0]["source"]
    elif kind == "liar" and answers:
        answers[0]["source"] = LIAR_CODE + "\n" + answers[0]["source"]
    elif kind == "deleted":
        tests = {id(c) for c in _test_cells(nb)}
        nb["cells"] = [c for c in nb["cells"] if id(c) not in tests]
    elif kind == "edited":
        for c in _test_cells(nb):
            c["source"] = "pass"
    data = (json.dumps(nb, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if kind == "invalid":
        data = data[: len(data) // 2]
    return (" (1)" if kind == "renamed" else ""), data


def write_submission(folder, notebook, source_nb, kind):
    """Write one synthetic submission into ``folder``; returns the written path or None."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    suffix, data = make(source_nb, kind)
    if data is None:
        return None
    path = folder / f"{notebook}{suffix}.ipynb"
    path.write_bytes(data)
    return path


def class_mix(n_students, notebooks, seed=0, hostile_share=0.06, hostile_kinds=HOSTILE):
    """``{student: {notebook: kind}}``: mostly honest work, a few hostile notebooks."""
    rng = random.Random(seed)
    honest = ["correct"] * 45 + ["partial"] * 25 + ["blank"] * 15 + ["wrong"] * 15
    mix = {}
    for s in range(n_students):
        student = f"학생{s + 1:03d}" if s % 3 else f"student {s + 1:03d}"
        mix[student] = {}
        for nb in notebooks:
            if hostile_kinds and rng.random() < hostile_share:
                mix[student][nb] = rng.choice(list(hostile_kinds))
            else:
                mix[student][nb] = rng.choice(honest)
    return mix


# -- a small assignment for tests -------------------------------------------------------------

def _cell(cell_type, source, nbgrader=None, tags=None):
    meta = {}
    if nbgrader is not None:
        meta["nbgrader"] = dict(nbgrader, schema_version=3)
        meta["nbgrader"].setdefault("task", False)
    if tags:
        meta["tags"] = list(tags)
    import hashlib
    cell = {"cell_type": cell_type, "id": hashlib.sha1(source.encode()).hexdigest()[:12], "metadata": meta,
            "source": source}
    if cell_type == "code":
        cell.update(outputs=[], execution_count=None)
    return cell


def toy_source_notebook():
    """An instructor notebook: 2 autograded exercises with hidden tests and one written question."""
    cells = [
        _cell("markdown", "# 연습용 과제 (toy)\n\n`autograd_core`로 기울기를 구해 봅니다."),
        _cell("code", "import numpy as np\nimport autograd_core as torch\n"
                      "from grader.checks import expect_close, expect_tensor, expect_true"),
        _cell("markdown", "## 연습 1\n`square_grad(values)`: $\\sum x^2$의 기울기를 돌려주세요."),
        _cell("code", "def square_grad(values):\n    ### BEGIN SOLUTION\n"
                      "    x = torch.tensor(values, requires_grad=True)\n"
                      "    (x * x).sum().backward()\n    return x.grad\n    ### END SOLUTION",
              {"grade": False, "grade_id": "ex1_square", "locked": False, "solution": True}),
        _cell("code", "g = square_grad([1.0, 2.0])\n"
                      "expect_tensor(g, \"square_grad([1.0, 2.0])\", shape=(2,))\n"
                      "expect_close(g, np.array([2.0, 4.0]), \"square_grad([1.0, 2.0])\")\n"
                      "\n### BEGIN HIDDEN TESTS\n"
                      "g = square_grad([3.0, -1.5, 0.25])\n"
                      "expect_close(g, np.array([6.0, -3.0, 0.5]), \"square_grad([3.0, -1.5, 0.25])\")\n"
                      "### END HIDDEN TESTS",
              {"grade": True, "grade_id": "ex1_square_tests", "locked": True, "points": 2, "solution": False}),
        _cell("markdown", "## 연습 2\n`mean_value(values)`: 평균을 0차원 텐서로 돌려주세요."),
        _cell("code", "def mean_value(values):\n    ### BEGIN SOLUTION\n"
                      "    return torch.tensor(values).mean()\n    ### END SOLUTION",
              {"grade": False, "grade_id": "ex2_mean", "locked": False, "solution": True}),
        _cell("code", "m = mean_value([1.0, 3.0])\n"
                      "expect_tensor(m, \"mean_value([1.0, 3.0])\", shape=())\n"
                      "expect_close(m, 2.0, \"mean_value([1.0, 3.0])\")\n"
                      "\n### BEGIN HIDDEN TESTS\n"
                      "m = mean_value([2.0, 4.0, 9.0])\n"
                      "expect_close(m, 5.0, \"mean_value([2.0, 4.0, 9.0]) hidden check\")\n"
                      "### END HIDDEN TESTS",
              {"grade": True, "grade_id": "ex2_mean_tests", "locked": True, "points": 3, "solution": False}),
        _cell("markdown", "## 생각해 보기\n기울기는 왜 실수 텐서에만 있을까요?"),
        _cell("markdown", "정수는 조금씩 움직일 수 없어서 미분을 정의할 수 없습니다.",
              {"grade": True, "grade_id": "q_why", "locked": False, "points": 1, "solution": True}),
    ]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                                         "language": "python", "name": "python3"},
                                          "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def write_toy_source(source_dir, assignment="toy_grad"):
    """``<source_dir>/<assignment>/<assignment>.ipynb``; returns its path."""
    folder = Path(source_dir) / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    path.write_text(json.dumps(toy_source_notebook(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
