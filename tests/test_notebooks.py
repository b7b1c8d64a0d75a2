"""The course notebooks: sources run, nbgrader accepts them, the release is honest.

For every lesson that has a source notebook (grader/source/<slug>/<slug>.ipynb):

* the source is committed without outputs;
* its nbgrader metadata is sane: unique grade ids, points > 0, each autograded
  answer followed by its tests cell (with hidden tests), 2-4 autograded
  exercises and one manually graded written question;
* it executes top to bottom with nbclient (kernel "python3" of this interpreter);
  the only cells allowed to raise carry the ``raises-exception`` tag (which
  JupyterLab's "Run All" honours too), and each of them really does raise;
* ``nbgrader validate`` passes on it (solutions in place);
* the released notebook in notebooks/ fails every autograded test before the
  student writes anything (``nbgrader validate --invert``);
* notebooks/ is what ``python -m grader.release`` makes from the sources now;
* the exercises' tests deserve their points: other right answers (VARIANTS below)
  pass the full tests cell, hidden tests included, and plausible wrong ones fail.

The README's course map must link all ten notebooks, with their seeds.

Execution times are printed (a benchmark figure, not an assertion).  The
notebooks run in parallel worker processes, one job per notebook and check, on
kernels that talk over Unix sockets and cannot import ipywidgets (see below).
"""
import concurrent.futures
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.release import (LESSONS, RELEASE_DIR, SLUG_PATTERN, compare_release, load_config,  # noqa: E402
                            release, release_notebook, source_notebook, source_slugs)

SLUGS = source_slugs()
RAISES_TAG = "raises-exception"
CODE_STUB = "# 여기에 코드를 작성하세요\nraise NotImplementedError()"
CELL_TIMEOUT = 120

# The seed tutorials each lesson starts from (issue 4).
SEEDS = {
    "01_requires_grad": ("000", "002"),
    "02_backward_grad": ("000", "001", "003"),
    "03_computational_graph": ("002",),
    "04_chain_rule": ("004",),
    "05_nonscalar_gradient": ("000", "001", "003"),
    "06_grad_accumulation": ("001", "004"),
    "07_retain_graph": ("001",),
    "08_no_grad_detach": ("000", "001"),
    "09_control_flow": ("001",),
    "10_logistic_regression": ("003", "004"),
}

per_slug = pytest.mark.parametrize("slug", SLUGS)


def _read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _is_answer(cell):
    meta = _nbgrader(cell)
    return cell["cell_type"] == "code" and meta.get("solution") and not meta.get("grade")


def _is_tests(cell):
    meta = _nbgrader(cell)
    return cell["cell_type"] == "code" and meta.get("grade") and not meta.get("solution")


def _is_written(cell):
    meta = _nbgrader(cell)
    return cell["cell_type"] == "markdown" and meta.get("grade") and meta.get("solution")


# -- the jobs run in worker processes ---------------------------------------------------

# Executed without a browser, an ipywidgets Output widget (the slider of
# BackwardTrace.show()) now and then leaves nbclient waiting for a reply until the
# cell times out (jupyter/nbclient#312).  The test kernels therefore cannot import
# ipywidgets, so .show() takes its static path (every frame side by side).
IPYWIDGETS_STUB = (
    '"""Hidden from the notebook tests: nbclient can hang on Output widgets (jupyter/nbclient#312)."""\n'
    'raise ImportError("ipywidgets is not available in the notebook tests")\n'
)


def _kernel_dir():
    """A kernelspec "python3" that runs this interpreter, found before any other."""
    folder = Path(tempfile.mkdtemp(prefix="agc-kernels-"))
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    stubs = folder / "stubs"
    (stubs / "ipywidgets").mkdir(parents=True)
    (stubs / "ipywidgets" / "__init__.py").write_text(IPYWIDGETS_STUB)
    pythonpath = os.pathsep.join([str(stubs)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []))
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (autograd-course tests)",
        "language": "python",
        "env": {"PYTHONPATH": pythonpath},
    }))
    return folder


def _kernel_config():
    """Kernels talk over Unix sockets in a private folder: no TCP ports for parallel
    kernels to race for, and no socket files in the notebooks' folders."""
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = os.path.join(os.environ["AUTOGRAD_COURSE_IPC_DIR"], f"k{os.getpid()}")
    return config


def _execute_source(slug):
    """Run the source with nbclient, then the exercise variants (see VARIANTS) after it.

    Returns the seconds (in cells, and with the kernel start), the executed source
    cells, the first unexpected error, and the variants' outcomes.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = source_notebook(slug)
    nb = nbformat.read(path, as_version=4)
    n_source = len(nb.cells)
    nb.cells += _variant_cells(nb.cells, slug)
    marks = {}

    def cell_done(cell, cell_index, **kwargs):
        if cell_index == n_source - 1:
            marks["source_done"] = time.perf_counter()

    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=False,
                            record_timing=True, config=_kernel_config(), on_cell_executed=cell_done,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc)
    except Exception as exc:  # a dead kernel, a timeout
        error = f"{type(exc).__name__}: {exc}"
    total = marks.get("source_done", time.perf_counter()) - start
    cells_seconds = 0.0
    for cell in nb.cells[:n_source]:
        timing = cell.get("metadata", {}).get("execution", {})
        began, ended = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if began and ended:
            from datetime import datetime
            cells_seconds += (datetime.fromisoformat(ended.replace("Z", "+00:00"))
                              - datetime.fromisoformat(began.replace("Z", "+00:00"))).total_seconds()
    source_cells = json.loads(nbformat.writes(nb))["cells"][:n_source]
    return {"total": total, "cells": cells_seconds, "error": error, "cells_run": source_cells,
            "variants": None if error else _variant_outcomes(nb.cells[n_source:])}


def _validate(path, invert):
    from nbgrader.validator import Validator

    config = load_config()
    config.merge(_kernel_config())
    config.Validator.invert = invert
    config.Execute.timeout = CELL_TIMEOUT
    validator = Validator(config=config)
    validator.log.setLevel("ERROR")
    start = time.perf_counter()
    results = validator.validate(str(path))
    return {"seconds": time.perf_counter() - start, "results": results}


def _job(kind, slug):
    if kind == "execute":
        return _execute_source(slug)
    if kind == "validate":
        return _validate(source_notebook(slug), invert=False)
    if kind == "invert":
        return _validate(release_notebook(slug), invert=True)
    raise ValueError(kind)


class _Runs:
    """Every (kind, slug) job, started at once in worker processes; results on demand."""

    KINDS = ("execute", "validate", "invert")

    def __init__(self):
        # The workers inherit these imports (they are forked), and the environment.
        import nbclient  # noqa: F401
        import nbgrader.validator  # noqa: F401

        self._old_path = os.environ.get("JUPYTER_PATH")
        self._kernels = _kernel_dir()
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            [str(self._kernels)] + ([self._old_path] if self._old_path else []))
        os.environ["AUTOGRAD_COURSE_IPC_DIR"] = str(self._kernels)
        workers = max(2, min(4, os.cpu_count() or 2))
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        # Sources first, so the execution times are measured while the machine is least busy.
        self._futures = {}
        for kind in self.KINDS:
            for slug in SLUGS:
                self._futures[kind, slug] = self._pool.submit(_job, kind, slug)

    def get(self, kind, slug):
        return self._futures[kind, slug].result()

    def close(self):
        self._pool.shutdown(wait=True, cancel_futures=True)
        os.environ.pop("AUTOGRAD_COURSE_IPC_DIR", None)
        if self._old_path is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = self._old_path
        import shutil
        shutil.rmtree(self._kernels, ignore_errors=True)


@pytest.fixture(scope="module")
def runs():
    if not SLUGS:
        pytest.skip("no source notebooks yet")
    runs = _Runs()
    yield runs
    runs.close()


@pytest.fixture(scope="module")
def fresh_release():
    """Every lesson released again, into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="autograd-course-release-") as tmp:
        release(SLUGS, release_directory=tmp)
        yield Path(tmp)


# -- static checks ------------------------------------------------------------------------

@per_slug
def test_source_has_no_outputs(slug):
    nb = _read(source_notebook(slug))
    dirty = [i for i, cell in enumerate(nb["cells"])
             if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))]
    assert not dirty, f"{slug}: cells {dirty} have outputs; clear them before committing the source"
    assert "widgets" not in nb.get("metadata", {}), f"{slug}: notebook metadata holds widget state"


@per_slug
def test_nbgrader_metadata(slug):
    nb = _read(source_notebook(slug))
    cells = nb["cells"]
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"
    ids = [_nbgrader(c)["grade_id"] for c in cells if _nbgrader(c).get("grade_id")]
    assert len(ids) == len(set(ids)), f"{slug}: grade_id used twice: {sorted(ids)}"
    for c in cells:
        meta = _nbgrader(c)
        if meta.get("grade"):
            points = meta.get("points")
            assert isinstance(points, (int, float)) and points > 0, \
                f"{slug}: {meta.get('grade_id')} has points {points!r}"
        if meta:
            assert meta.get("schema_version") == 3, f"{slug}: {meta.get('grade_id')} schema_version"

    answers = [i for i, c in enumerate(cells) if _is_answer(c)]
    tests = [i for i, c in enumerate(cells) if _is_tests(c)]
    written = [i for i, c in enumerate(cells) if _is_written(c)]
    assert 2 <= len(answers) <= 4, f"{slug}: {len(answers)} autograded exercises (want 2-4)"
    assert len(tests) == len(answers), f"{slug}: {len(answers)} answer cells but {len(tests)} tests cells"
    assert len(written) == 1, f"{slug}: {len(written)} manually graded written questions (want 1)"
    for i in answers:
        assert i + 1 < len(cells) and _is_tests(cells[i + 1]), \
            f"{slug}: the answer cell {_nbgrader(cells[i])['grade_id']} is not followed by its tests cell"
        src = _source(cells[i])
        assert "### BEGIN SOLUTION" in src and "### END SOLUTION" in src, \
            f"{slug}: {_nbgrader(cells[i])['grade_id']} has no ### BEGIN/END SOLUTION"
    for i in tests:
        src = _source(cells[i])
        grade_id = _nbgrader(cells[i])["grade_id"]
        assert "### BEGIN HIDDEN TESTS" in src and "### END HIDDEN TESTS" in src, \
            f"{slug}: {grade_id} has no hidden tests"
        visible = src.split("### BEGIN HIDDEN TESTS")[0]
        assert re.search(r"\b(expect_\w+|assert)\b", visible), f"{slug}: {grade_id} has no visible test"
        assert "SOLUTION" not in src, f"{slug}: {grade_id} (a tests cell) contains a solution region"
    for c in cells:
        if c["cell_type"] == "code" and not _is_answer(c):
            assert "### BEGIN SOLUTION" not in _source(c), f"{slug}: a solution region outside an answer cell"

    markdown = [_source(c) for c in cells if c["cell_type"] == "markdown"]
    assert any("학습 목표" in m for m in markdown[:3]), f"{slug}: 학습 목표 (learning goals) missing at the top"
    assert any("요약" in m for m in markdown[-3:]), f"{slug}: 요약 (summary) missing at the bottom"


@per_slug
def test_release_in_sync(slug, fresh_release):
    problems = compare_release(slug, fresh_release)
    assert not problems, "notebooks/ is out of sync with grader/source/ (run `make release`):\n" + "\n".join(problems)


@per_slug
def test_release_hides_solutions(slug):
    nb = _read(release_notebook(slug))
    for cell in nb["cells"]:
        src = _source(cell)
        assert "BEGIN SOLUTION" not in src and "BEGIN HIDDEN TESTS" not in src, \
            f"{slug}: the release shows a solution or hidden tests"
        if _is_answer(cell):
            lines = [line.strip() for line in src.splitlines()]
            stub = CODE_STUB.splitlines()
            assert any(lines[i:i + 2] == stub for i in range(len(lines))), \
                f"{slug}: {_nbgrader(cell)['grade_id']} has no Korean stub"
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{slug}: the release has outputs"


def test_no_stale_release():
    stale = [p.name for p in RELEASE_DIR.iterdir()
             if p.is_dir() and SLUG_PATTERN.match(p.name) and p.name not in SLUGS] if RELEASE_DIR.is_dir() else []
    assert not stale, f"notebooks/ has lessons without a source: {stale}"


def test_readme_course_map():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for slug in LESSONS:
        link = f"notebooks/{slug}/{slug}.ipynb"
        rows = [line for line in text.splitlines() if line.startswith("|") and f"({link})" in line]
        assert len(rows) >= 2, f"README: the course maps (Korean and English) should link {link}"
        for row in rows:
            cells = [c.strip() for c in row.strip("|").split("|")]
            for seed in SEEDS[slug]:
                assert seed in row, f"README: the row for {slug} does not name seed {seed}"
            assert sum(bool(re.search(r"[A-Za-z가-힣]{3}", c)) for c in cells) >= 2, \
                f"README: the row for {slug} does not name its topics"
        assert (ROOT / link).is_file(), f"README links {link}, which does not exist"


# -- execution ----------------------------------------------------------------------------

@per_slug
def test_source_executes(slug, runs, capsys):
    run = runs.get("execute", slug)
    with capsys.disabled():
        print(f"\n[benchmark] {slug}: {run['cells']:.2f} s in cells, {run['total']:.2f} s with kernel start")
    assert run["error"] is None, f"{slug} does not run top to bottom:\n{run['error']}"
    for index, cell in enumerate(run["cells_run"]):
        if cell["cell_type"] != "code":
            continue
        outputs = cell.get("outputs", [])
        errors = [o for o in outputs if o["output_type"] == "error"]
        tagged = RAISES_TAG in cell.get("metadata", {}).get("tags", [])
        if tagged:
            assert errors, f"{slug}: cell {index} is tagged {RAISES_TAG} but raised nothing"
        if _is_tests(cell) or _is_answer(cell):
            name = _nbgrader(cell)["grade_id"]
            stderr = [o.get("text", "") for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
            assert not stderr, f"{slug}: graded cell {name} writes to stderr: {''.join(stderr)[:300]}"
        if _is_tests(cell):
            assert not any(o["output_type"] == "execute_result" for o in outputs), \
                f"{slug}: tests cell {name} leaves a value (nbgrader would read it as a partial score)"


@per_slug
def test_source_validates(slug, runs):
    results = runs.get("validate", slug)["results"]
    assert results == {}, f"nbgrader validate {slug} (source) fails: {json.dumps(results, ensure_ascii=False)[:3000]}"


@per_slug
def test_release_fails_before_answers(slug, runs):
    results = runs.get("invert", slug)["results"]
    assert "changed" not in results and "type_changed" not in results, \
        f"{slug}: the released notebook's checksums are off: {results}"
    passed = [r["source"].splitlines()[0] for r in results.get("passed", [])]
    assert not passed, f"{slug}: these tests pass before the student writes anything: {passed}"


# -- the tests deserve their points ----------------------------------------------------------
# Other answers to the exercises, run against each exercise's full tests cell (hidden
# tests included) at the end of the executed source notebook: every "right" answer
# must pass, every "wrong" one (a forgotten zero_(), a wrong sign, a float where a
# tensor is asked for, a hard-coded number, no_grad, ...) must fail.

VARIANTS = {
    "01_requires_grad": {
        "ex1_make_weights": {
            "right": [
                "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32).requires_grad_()",
                "def make_weights(values):\n    return torch.tensor(values).float().requires_grad_(True)",
                "def make_weights(values):\n    w = torch.tensor(values, dtype=torch.float)\n"
                "    w.requires_grad = True\n    return w",
            ],
            "wrong": [
                # integers stay int64: RuntimeError for an integer list
                "def make_weights(values):\n    return torch.tensor(values, requires_grad=True)",
                "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32)",
                "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32, requires_grad=True) * 1",
                "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float64, requires_grad=True)",
                "def make_weights(values):\n    return np.array(values, dtype=np.float32)",
                "def make_weights(values):\n    return torch.tensor([0.5, -1.0, 2.0], requires_grad=True)",
            ],
        },
        "ex2_int_error": {
            "right": [
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad = True\n"
                "except Exception as err:\n    int_error = err\nt_fixed = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)",
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = torch.int64\ntry:\n    t_int.requires_grad_()\n"
                "except RuntimeError as e:\n    int_error = e\n"
                "t_fixed = torch.tensor([1, 2, 3], dtype=torch.float32).requires_grad_()",
            ],
            "wrong": [
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\nint_error = RuntimeError\n"
                "t_fixed = t_int.float().requires_grad_()",
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
                "except RuntimeError as e:\n    int_error = e\nt_fixed = t_int.float()",
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = 'int64'\ntry:\n    t_int.requires_grad_()\n"
                "except RuntimeError as e:\n    int_error = e\nt_fixed = t_int.float().requires_grad_()",
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
                "except RuntimeError as e:\n    int_error = str(e)\nt_fixed = t_int.float().requires_grad_()",
                "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
                "except RuntimeError as e:\n    int_error = e\n"
                "t_fixed = torch.tensor([1, 2, 3], dtype=torch.float64, requires_grad=True)",
            ],
        },
        "ex3_track": {
            "right": [
                "def track(t):\n    if t.dtype in (torch.int64, torch.int32):\n        t = t.to(torch.float32)\n"
                "    t.requires_grad_(True)\n    return t",
                "def track(t):\n    if t.is_floating_point():\n        return t.requires_grad_()\n"
                "    return t.float().requires_grad_()",
            ],
            "wrong": [
                "def track(t):\n    return t.float().requires_grad_()",
                "def track(t):\n    t = t.float()\n    t.requires_grad_()",
                "def track(t):\n    return torch.tensor(t.tolist(), dtype=torch.float32, requires_grad=True)",
                "def track(t):\n    if not t.is_floating_point():\n        t = t.float()\n    return t.clone().requires_grad_()",
            ],
        },
    },
    "02_backward_grad": {
        "ex1_mean_square_grad": {
            "right": [
                "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
                "    out = (3 * (x + 2) ** 2).sum() / x.numel()\n    out.backward()\n    return x.grad",
                "def mean_square_grad(values):\n    x = torch.tensor(values).float().requires_grad_()\n    y = x + 2\n"
                "    z = y * y * 3\n    z.mean().backward()\n    return x.grad",
            ],
            "wrong": [
                "def mean_square_grad(values):\n    return torch.full(np.shape(values), 4.5)",
                "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
                "    (3 * (x + 2) ** 2).sum().backward()\n    return x.grad",
                "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
                "    (3 * (x + 2) ** 2).mean().backward()\n    return x.grad.numpy()",
                "def mean_square_grad(values):\n    x = torch.tensor(values, requires_grad=True)\n"
                "    (3 * (x + 2) ** 2).mean().backward()\n    return x.grad",
                "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
                "    with torch.no_grad():\n        out = (3 * (x + 2) ** 2).mean()\n    out.backward()\n    return x.grad",
            ],
        },
        "ex2_grad_at": {
            "right": [
                "def grad_at(f, x0):\n    w = torch.tensor(x0, dtype=torch.float32, requires_grad=True)\n"
                "    y = f(w)\n    y.backward()\n    return w.grad",
                "def grad_at(f, x0):\n    w = torch.tensor(float(x0)).requires_grad_()\n"
                "    f(w).backward(torch.tensor(1.))\n    return w.grad",
            ],
            "wrong": [
                "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n    f(w).backward()\n"
                "    return w.grad.item()",
                "_cache = {}\ndef grad_at(f, x0):\n    w = _cache.setdefault(x0, torch.tensor(float(x0), requires_grad=True))\n"
                "    f(w).backward()\n    return w.grad",
                "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n    f(w).backward()\n"
                "    return -w.grad",
                "def grad_at(f, x0):\n    w = torch.tensor(x0, requires_grad=True)\n    f(w).backward()\n    return w.grad",
                "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n"
                "    with torch.no_grad():\n        y = f(w)\n    y.backward()\n    return w.grad",
                "def grad_at(f, x0):\n    return torch.tensor(40.0)",
            ],
        },
        "ex3_grad_of_square_sum": {
            "right": [
                "def grad_of_square_sum(x):\n    x.grad = None\n    (x * x).sum().backward()",
                "def grad_of_square_sum(x):\n    x.grad.data.zero_()\n    y = (x ** 2).sum()\n"
                "    y.backward(torch.ones_like(y))",
                "def grad_of_square_sum(x):\n    x.grad.zero_()\n    y = x * x\n    y.backward(torch.ones_like(y))\n"
                "    return x.grad",
            ],
            "wrong": [
                "def grad_of_square_sum(x):\n    (x * x).sum().backward()",
                "def grad_of_square_sum(x):\n    (x * x).sum().backward()\n    x.grad.zero_()",
                "def grad_of_square_sum(x):\n    x = x.detach().requires_grad_()\n    (x * x).sum().backward()",
                "def grad_of_square_sum(x):\n    x.grad.zero_()\n    (x * x).sum().backward(torch.tensor(-1.))",
            ],
        },
    },
    "03_computational_graph": {
        "ex1_leaves_of": {
            "right": [
                "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
                "        if hasattr(fn, 'variable'):\n            if not any(v is fn.variable for v in out):\n"
                "                out.append(fn.variable)\n            return\n"
                "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
                "def leaves_of(t):\n    found, todo, seen = {}, [t.grad_fn], set()\n    while todo:\n        fn = todo.pop()\n"
                "        if fn is None or fn in seen:\n            continue\n        seen.add(fn)\n"
                "        if type(fn).__name__ == 'AccumulateGrad':\n            found[id(fn.variable)] = fn.variable\n"
                "        todo += [c for c, _ in fn.next_functions]\n    return list(found.values())",
            ],
            "wrong": [
                "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
                "        if hasattr(fn, 'variable'):\n            out.append(fn.variable)\n            return\n"
                "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
                "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
                "        if hasattr(fn, 'variable'):\n            out.append(fn)\n            return\n"
                "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
                "    return list({id(f): f for f in out}.values())",
                "def leaves_of(t):\n    return [fn.variable for fn, _ in t.grad_fn.next_functions if hasattr(fn, 'variable')]",
            ],
        },
        "ex2_grads_by_hand": {
            "right": [
                "def grads_by_hand(a, w1, w2, w3, w4):\n"
                "    t = {k: torch.tensor(float(v), requires_grad=True)\n"
                "         for k, v in dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4).items()}\n"
                "    L = 10 - (t['w3'] * (t['w1'] * t['a']) + t['w4'] * (t['w2'] * t['a']))\n    L.backward()\n"
                "    return {k: v.grad for k, v in t.items()}",
            ],
            "wrong": [
                "def grads_by_hand(a, w1, w2, w3, w4):\n"
                "    return {'a': w3 * w1 + w4 * w2, 'w1': w3 * a, 'w2': w4 * a, 'w3': w1 * a, 'w4': w2 * a}",
                "def grads_by_hand(a, w1, w2, w3, w4):\n"
                "    return {'a': -11.0, 'w1': -6.0, 'w2': -8.0, 'w3': -2.0, 'w4': -4.0}",
                "def grads_by_hand(a, w1, w2, w3, w4):\n"
                "    return {'a': -(w3 * w1 + w4 * w2), 'w1': -w4 * a, 'w2': -w3 * a, 'w3': -w1 * a, 'w4': -w2 * a}",
            ],
        },
        "ex3_intermediate_grads": {
            "right": [
                "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    b.retain_grad()\n    c = w2 * a\n"
                "    c.retain_grad()\n    d = w3 * b + w4 * c\n    d.retain_grad()\n    (10 - d).backward()\n"
                "    return (b.grad, c.grad, d.grad)",
            ],
            "wrong": [
                "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    c = w2 * a\n    d = w3 * b + w4 * c\n"
                "    (10 - d).backward()\n    return (b.grad, c.grad, d.grad)",
                "def intermediate_grads(a, w1, w2, w3, w4):\n"
                "    return (-w3.detach(), -w4.detach(), torch.tensor(-1.0))",
                "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    c = w2 * a\n    d = w3 * b + w4 * c\n"
                "    for t in (b, c, d):\n        t.retain_grad()\n    (d - 10).backward()\n    return (b.grad, c.grad, d.grad)",
            ],
        },
    },
    "04_chain_rule": {
        "ex1_mul_backward": {
            "right": [
                "def mul_backward(x, y, upstream):\n    x_ = torch.tensor(float(x), requires_grad=True)\n"
                "    y_ = torch.tensor(float(y), requires_grad=True)\n"
                "    (x_ * y_).backward(torch.tensor(float(upstream)))\n    return (x_.grad, y_.grad)",
            ],
            "wrong": [
                "def mul_backward(x, y, upstream):\n    return upstream * x, upstream * y",
                "def mul_backward(x, y, upstream):\n    return y, x",
                "def mul_backward(x, y, upstream):\n    return 15.0, 10.0",
            ],
        },
        "ex2_linear_grad": {
            "right": [
                "def linear_grad(x, y, w):\n    w = torch.tensor(w, dtype=torch.float32, requires_grad=True)\n"
                "    y_hat = x * w\n    s = y_hat - y\n    loss = s ** 2\n    loss.backward()\n    return w.grad",
            ],
            "wrong": [
                "def linear_grad(x, y, w):\n    w = torch.tensor(float(w), requires_grad=True)\n"
                "    ((x * w - y) ** 2).backward()\n    return w.grad.item()",
                "_w = {}\ndef linear_grad(x, y, w):\n    w = _w.setdefault(w, torch.tensor(float(w), requires_grad=True))\n"
                "    ((x * w - y) ** 2).backward()\n    return w.grad",
                "def linear_grad(x, y, w):\n    w = torch.tensor(float(w), requires_grad=True)\n"
                "    ((y - x * w) ** 2).backward()\n    return -w.grad",
                "def linear_grad(x, y, w):\n    w = torch.tensor(w, requires_grad=True)\n"
                "    ((x * w - y) ** 2).backward()\n    return w.grad",
                "def linear_grad(x, y, w):\n    return torch.tensor(-2.0 if x == 1 else -8.0)",
            ],
        },
        "ex3_linear_grads_with_bias": {
            "right": [
                "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w)).requires_grad_()\n"
                "    b = torch.tensor(float(b)).requires_grad_()\n    loss = (w * x + b - y) ** 2\n"
                "    loss.backward()\n    return (w.grad, b.grad)",
            ],
            "wrong": [
                "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
                "    b = torch.tensor(float(b))\n    ((x * w + b - y) ** 2).backward()\n    return w.grad, b.grad",
                "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
                "    b = torch.tensor(float(b), requires_grad=True)\n    ((x * w - y) ** 2 + b).backward()\n"
                "    return w.grad, b.grad",
                "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
                "    b = torch.tensor(float(b), requires_grad=True)\n    ((x * w + b - y) ** 2).backward()\n"
                "    return w.grad.item(), b.grad.item()",
            ],
        },
    },
    "05_nonscalar_gradient": {
        "ex1_q_grads": {
            "right": [
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
                "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
                "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad, b.grad",
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values).float().requires_grad_()\n"
                "    b = torch.tensor(b_values).float().requires_grad_()\n    Q = 3 * a ** 3 - b ** 2\n"
                "    Q.backward(torch.ones(len(a_values)))\n    return (a.grad, b.grad)",
            ],
            "wrong": [
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
                "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
                "    (3 * a ** 3 + b ** 2).sum().backward()\n    return a.grad, b.grad",
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, requires_grad=True)\n"
                "    b = torch.tensor(b_values, requires_grad=True)\n"
                "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad, b.grad",
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
                "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
                "    Q = 3 * a ** 3 - b ** 2\n    Q.backward(2 * torch.ones_like(Q))\n    return a.grad, b.grad",
                "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
                "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
                "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad.numpy(), b.grad.numpy()",
            ],
        },
        "ex2_vjp": {
            "right": [
                "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    (f(x) * torch.tensor(v_values)).sum().backward()\n    return x.grad",
            ],
            "wrong": [
                "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    f(x).sum().backward()\n    return x.grad",
                "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    y = f(x)\n    y.backward(torch.ones_like(y))\n    return x.grad * torch.tensor(v_values)",
                "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    y = f(x)\n    y.backward(torch.tensor(v_values))\n    return y",
            ],
        },
        "ex3_jacobian": {
            "right": [
                "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    y = f(x)\n    rows = []\n    for i in range(y.shape[0]):\n        if x.grad is not None:\n"
                "            x.grad.zero_()\n        e = torch.zeros(y.shape[0])\n        e[i] = 1.0\n"
                "        f(x).backward(e)\n        rows.append(x.grad.clone())\n    return torch.stack(rows)",
                "def jacobian(f, x_values):\n    rows = []\n    m = len(f(torch.tensor(x_values, dtype=torch.float32)))\n"
                "    for i in range(m):\n        x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "        (f(x) * torch.eye(m)[i]).sum().backward()\n        rows.append(x.grad)\n"
                "    return torch.stack(rows)",
            ],
            "wrong": [
                "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n"
                "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad.clone())\n    return torch.stack(rows)",
                "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        if x.grad is not None:\n"
                "            x.grad.zero_()\n        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad)\n"
                "    return torch.stack(rows)",
                "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        x.grad = None\n"
                "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad.numpy())\n    return np.stack(rows)",
                "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
                "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        x.grad = None\n"
                "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad)\n    return torch.stack(rows).T",
            ],
        },
    },
}


def _variant_cells(cells, slug):
    """(answer variant, tests cell) pairs for every variant of ``slug``'s exercises.

    They are tagged raises-exception, so that a failing variant does not stop nbclient.
    """
    import nbformat

    planned = []
    for grade_id, kinds in VARIANTS.get(slug, {}).items():
        index = next(i for i, c in enumerate(cells) if _nbgrader(c).get("grade_id") == grade_id)
        tests = cells[index + 1]
        for kind in ("right", "wrong"):
            for n, code in enumerate(kinds.get(kind, [])):
                for role, source in (("answer", code), ("tests", tests.source)):
                    planned.append(nbformat.v4.new_code_cell(source, metadata={
                        "tags": [RAISES_TAG], "variant": f"{grade_id}/{kind}/{n}", "role": role}))
    return planned


def _variant_outcomes(cells):
    """For each variant: did its tests cell pass (as nbgrader scores it: no error, no stderr)?"""
    outcome = {}
    for cell in cells:
        outputs = cell.get("outputs", [])
        failed = any(o["output_type"] == "error" or (o["output_type"] == "stream" and o["name"] == "stderr")
                     for o in outputs)
        message = next((f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"),
                       next((o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"), ""))
        key = cell.metadata["variant"]
        if cell.metadata["role"] == "answer":
            outcome[key] = {"answer_failed": failed, "passed": False, "message": message}
        else:
            result = outcome[key]
            result["passed"] = not failed and not result["answer_failed"]
            result["message"] = result["message"] or message
    return outcome


@pytest.mark.parametrize("slug", [s for s in SLUGS if s in VARIANTS])
def test_exercise_variants(slug, runs):
    outcome = runs.get("execute", slug)["variants"]
    assert outcome is not None, f"{slug} does not run, so its exercise variants were not tried"
    problems = []
    for key, result in sorted(outcome.items()):
        grade_id, kind, n = key.split("/")
        if kind == "right" and not result["passed"]:
            problems.append(f"{key}: a right answer fails: {result['message'][:400]}")
        if kind == "wrong" and result["passed"]:
            problems.append(f"{key}: a wrong answer passes")
    assert not problems, f"{slug}:\n" + "\n".join(problems)
