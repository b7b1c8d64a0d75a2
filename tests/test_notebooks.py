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

    def __init__(self, wanted=None):
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
                if wanted is None or (kind, slug) in wanted:
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


# The job each test reads (the others read "execute").
_JOB_KIND = {"test_source_validates": "validate", "test_release_fails_before_answers": "invert"}


def _wanted_jobs(session):
    """The (kind, slug) jobs of the selected tests, so that ``-k 04_chain_rule`` runs only 04's."""
    wanted = set()
    for item in session.items:
        slug = getattr(item, "callspec", None) and item.callspec.params.get("slug")
        if slug and "runs" in getattr(item, "fixturenames", ()):
            wanted.add((_JOB_KIND.get(item.originalname, "execute"), slug))
    return wanted


@pytest.fixture(scope="module")
def runs(request):
    if not SLUGS:
        pytest.skip("no source notebooks yet")
    runs = _Runs(_wanted_jobs(request.session))
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

def _load_variants():
    """tests/variants/<slug>.py, one file a lesson, each defining VARIANTS = {grade_id: {"right": [...], "wrong": [...]}}."""
    import importlib.util
    found = {}
    for path in sorted((ROOT / "tests" / "variants").glob("[0-9][0-9]_*.py")):
        spec = importlib.util.spec_from_file_location(f"variants_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[path.stem] = module.VARIANTS
    return found


VARIANTS = _load_variants()


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


# -- the same output on real PyTorch (issue 13 §1) -------------------------------------------
# tests/golden/record_notebooks.py ran every source on PyTorch 2.13 (autograd_core
# replaced by torch, the drawing helpers stubbed) and kept each code cell's text
# output.  The autograd_core run above must print the same, cell by cell, except
# for the package name, addresses, drawing cells (tag ``viz`` or a drawing helper
# call) and the numbers of cells tagged ``random-values`` or ``timing``.

def _load_notebook_recorder():
    import importlib.util
    spec = importlib.util.spec_from_file_location("record_notebooks", ROOT / "tests" / "golden" / "record_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


parity = _load_notebook_recorder()


@per_slug
def test_pytorch_parity(slug, runs):
    path = parity.golden_path(slug)
    assert path.is_file(), (f"{slug}: no PyTorch golden; record it: "
                            f"/tmp/torchenv/bin/python tests/golden/record_notebooks.py {slug}")
    golden = _read(path)
    run = runs.get("execute", slug)
    assert run["error"] is None, f"{slug} does not run top to bottom, so its outputs cannot be compared"
    problems = parity.compare(slug, golden, run["cells_run"])
    assert not problems, (f"{slug}: {len(problems)} code cells print something else than on PyTorch 2.13 "
                          "(see tests/golden/README.md):\n" + "\n".join(problems))


def _parity_cell(source, outputs, tags=(), cell_id=None):
    return {"cell_type": "code", "id": cell_id, "source": source, "metadata": {"tags": list(tags)},
            "outputs": outputs}


def test_pytorch_parity_rules():
    """What the comparison forgives (package name, addresses, drawing cells, masked
    numbers) and what it does not (any other character, an edited cell)."""
    stream = lambda text, name="stdout": {"output_type": "stream", "name": name, "text": text}  # noqa: E731
    cells = [
        _parity_cell("print(type(x), x.grad_fn)",
                     [stream("<class 'autograd_core.Tensor'> <MulBackward0 object at 0x7f00aa>\n")], cell_id="a"),
        _parity_cell("print(torch.randn(2))", [stream("tensor([ 0.1234, -1.5000])\n")], ["random-values"], "b"),
        _parity_cell("draw_graph(y)", [{"output_type": "display_data", "data": {"text/plain": "<Digraph>"}}],
                     cell_id="c"),
        _parity_cell("y.grad", [stream("/tmp/ipykernel_9/1.py:1: UserWarning: careful\n  y.grad\n", "stderr"),
                                {"output_type": "error", "ename": "RuntimeError", "evalue": "boom"}], cell_id="d"),
    ]
    torch_side = [
        "<class 'torch.Tensor'> <MulBackward0 object at 0x7fffff12>\n",
        "tensor([-0.9000,  2.0000])\n",
        "",
        "[stderr] UserWarning: careful\n[error] RuntimeError: boom\n",
    ]
    golden = {"cells": [{"index": i, "id": c["id"], "source_sha256": parity.source_digest(c["source"]),
                         "output": out} for i, (c, out) in enumerate(zip(cells, torch_side))]}
    assert parity.compare("demo", golden, cells) == []

    golden["cells"][3]["output"] = "[stderr] UserWarning: careful (Triggered internally)\n[error] RuntimeError: boom\n"
    (diff,) = parity.compare("demo", golden, cells)
    assert "-[stderr] UserWarning: careful (Triggered internally)" in diff and "+[stderr] UserWarning: careful" in diff
    assert "demo cell 3 (d) (PyTorch 2.13)" in diff

    golden["cells"][1]["output"] = "tensor([-0.9000,  2.0000])\ntensor(1.)\n"   # one more line: not the same shape
    cells[0]["source"] += "  # edited"
    problems = parity.compare("demo", golden, cells)
    assert "stale for cells [0]" in problems[0] and len(problems) == 3


def test_drawing_cells_are_found():
    cells = [_parity_cell("from autograd_core.viz import describe_graph, draw_graph, trace_backward", []),
             _parity_cell("n = len(describe_graph(y).nodes)", []),
             _parity_cell("trace = trace_backward(z)\nprint(trace)", []),
             _parity_cell("trace.show()", []),
             _parity_cell("print(x.grad)", []),
             _parity_cell("x.grad", [], ["viz"])]
    assert parity.drawing_cells(cells) == {2, 3, 5}


def test_pytorch_parity_joins_stream_chunks():
    """How a print is cut into stream messages depends on timing, not on the engine."""
    chunks = [{"output_type": "stream", "name": "stdout", "text": t} for t in ("RuntimeError:", " a leaf\n", "x")]
    whole = [{"output_type": "stream", "name": "stdout", "text": "RuntimeError: a leaf\nx"}]
    assert parity.render_outputs(chunks) == parity.render_outputs(whole) == "RuntimeError: a leaf\nx\n"
