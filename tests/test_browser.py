"""The course in a real browser: JupyterLab + nbgrader, driven by Playwright.

One ``jupyter lab`` (from this interpreter's environment, i.e. the project's .venv)
serves a temporary copy of notebooks/ and a small nbgrader course for the whole
module; one Chromium (Debian's /usr/bin/chromium, never a downloaded build) and one
page do everything, as a student and then as an instructor would:

Student
  * each of the ten notebooks: open it, Run > Run All Cells, and where a failing
    exercise test stops the run, go on with Run > Run Selected Cell and All Below
    until every cell has run and the kernel is idle.  The only errors allowed are
    the unanswered exercises (a stub's NotImplementedError, the Korean failure of
    the tests cell below it; every such tests cell must fail) and the cells tagged
    ``raises-exception`` (which must raise).  Every SVG graph and PNG plot of the
    outputs is rendered and loaded in the page; a screenshot of each notebook goes
    to test-artifacts/browser/ (gitignored).
  * one notebook solved by typing the answers into its answer cells: Run All shows
    every tests cell passing, and nbgrader's **Validate** button says success;
    another, unsolved notebook: Validate shows the failed cells and the Korean
    message.
Instructor
  * the formgrader lists the course's ten assignments;
  * a submission made and autograded with nbgrader's API in the test course (one
    exercise right, the written answer filled in) shows its scores and the manual
    grading box for the written answer.

A failure says what the page showed (its text) and where its screenshot is.

Skipped, with the reason, when Playwright or Chromium is missing (``make test``
installs Chromium with apt-get when run as root), or when AUTOGRAD_COURSE_BROWSER=0.
``AUTOGRAD_COURSE_UPDATE_SCREENSHOT=1`` also copies the README's screenshot to
docs/screenshot.png (normal runs never touch tracked files).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (CHROMIUM, ROOT, LabServer, Page, cell_text, is_answer,  # noqa: E402
                             is_tests, nbgrader_meta, solutions, start_submission, unavailable)

LESSONS = sorted(p.name for p in (ROOT / "notebooks").iterdir()
                 if p.is_dir() and re.match(r"^\d\d_", p.name) and (p / f"{p.name}.ipynb").is_file())
RAISES_TAG = "raises-exception"
STUB = "raise NotImplementedError()"
HAS_DOT = shutil.which("dot") is not None

SOLVED = "02_backward_grad"            # solved in the browser, then validated: success
UNSOLVED = "05_nonscalar_gradient"     # validated as released: failure
README_SHOT = "04_chain_rule"          # its screenshot is docs/screenshot.png
SUBMISSION = ("01_requires_grad", "browser-student")
WRITTEN_ANSWER_02 = "역전파는 출력을 자기 자신으로 미분한 값 1에서 시작해, 연쇄 법칙으로 국소 미분을 곱하며 내려갑니다."
WRITTEN_ANSWER = "정수는 값을 아주 조금 움직일 수 없어서 미분이 정의되지 않고, 경사 하강법으로 갱신할 수도 없습니다."

if os.environ.get("AUTOGRAD_COURSE_BROWSER", "1") == "0":
    SKIP = "AUTOGRAD_COURSE_BROWSER=0"
else:
    SKIP = unavailable()
needs_browser = pytest.mark.skipif(SKIP is not None, reason=f"browser tests skipped: {SKIP}")

# Waiting limits (not assertions about speed): this must pass on a slow 2-core machine.
SERVER_START = 180
RUN_TIMEOUT_MS = 240_000
VALIDATE_TIMEOUT_MS = 240_000


# -- checks on a notebook after Run All (pure functions: tested below without a browser) --------

def _errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _first_line(cell):
    return next((line for line in cell_text(cell).splitlines() if line.strip()), "")[:80]


def error_problems(cells):
    """What is wrong with the errors of a released notebook after every cell has run.

    Allowed: a ``raises-exception`` cell's error (it must have one); an answer cell
    still holding the stub raising NotImplementedError; the tests cell right after
    such a stub failing with AssertionError / NotImplementedError (it must fail).
    """
    problems = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        errors = _errors(cell)
        where = f"cell {i} ({_first_line(cell)!r})"
        if cell.get("execution_count") is None:
            problems.append(f"{where} did not run")
        if RAISES_TAG in _tags(cell):
            if not errors:
                problems.append(f"{where} is tagged {RAISES_TAG} but raised nothing")
            continue
        names = [f"{e.get('ename')}: {e.get('evalue', '')[:300]}" for e in errors]
        if is_answer(cell) and STUB in cell_text(cell):
            if any(e.get("ename") != "NotImplementedError" for e in errors):
                problems.append(f"{where}, an unanswered exercise, raised {names}")
            continue
        previous = cells[i - 1] if i > 0 else None
        if is_tests(cell) and previous is not None and is_answer(previous) and STUB in cell_text(previous):
            if not errors:
                problems.append(f"{where}: the tests of an unanswered exercise "
                                f"({nbgrader_meta(previous).get('grade_id')}) pass")
            elif any(e.get("ename") not in ("AssertionError", "NotImplementedError") for e in errors):
                problems.append(f"{where}: the tests of an unanswered exercise fail with {names}, "
                                "not with the Korean feedback (AssertionError)")
            continue
        if errors:
            problems.append(f"{where} raised {names}")
    return problems


def _mime_count(cell, mime):
    return sum(1 for o in cell.get("outputs", []) if mime in o.get("data", {}))


def image_problems(cells, rendered, dot=True):
    """Every SVG/PNG output is rendered and loaded in the page; graphs are SVG (with dot), plots images."""
    problems = []
    if len(rendered) != len(cells):
        return [f"the page shows {len(rendered)} cells, the notebook has {len(cells)}"]
    total_svg = total_raster = 0
    for i, (cell, seen) in enumerate(zip(cells, rendered)):
        if cell["cell_type"] != "code":
            continue
        where = f"cell {i} ({_first_line(cell)!r})"
        want_svg = _mime_count(cell, "image/svg+xml")
        want_png = _mime_count(cell, "image/png")
        widgets = _mime_count(cell, "application/vnd.jupyter.widget-view+json")
        if seen["svg"] < want_svg:
            problems.append(f"{where}: {want_svg} SVG output(s), {seen['svg']} shown")
        if seen["raster"] < want_png:
            problems.append(f"{where}: {want_png} PNG output(s), {seen['raster']} shown")
        if seen["svg_broken"] or seen["raster_broken"]:
            problems.append(f"{where}: {seen['svg_broken']} SVG and {seen['raster_broken']} PNG image(s) "
                            "did not load")
        if seen["untrusted"]:
            problems.append(f"{where}: JupyterLab did not display an untrusted output")
        if widgets and not seen["widgets"]:
            problems.append(f"{where}: a widget output is not rendered")
        total_svg += seen["svg"]
        total_raster += seen["raster"]
    code = "\n".join(cell_text(c) for c in cells if c["cell_type"] == "code")
    draws = "draw_graph(" in code or "trace_backward(" in code
    if draws and dot and not total_svg:
        problems.append("the notebook draws computational graphs, but no SVG graph is shown")
    if draws and not dot and not total_raster:
        problems.append("the notebook draws computational graphs (matplotlib, no dot), but no image is shown")
    if "plt." in code and not total_raster:
        problems.append("the notebook makes matplotlib plots, but no image is shown")
    return problems


# -- the browser, the server, the page -------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    base = Path(tempfile.mkdtemp(prefix="autograd-course-browser-"))
    lab = LabServer(base)
    lab.prepare()
    assignment, student = SUBMISSION
    answers = {k: v for k, v in solutions(assignment).items() if k.startswith("ex1_")}
    answers[_written_id(assignment)] = WRITTEN_ANSWER
    lab.submission = start_submission(lab, assignment, student, answers)   # runs while the students work
    try:
        lab.start(timeout=SERVER_START)
        yield lab
    finally:
        lab.stop()
        if lab.submission.poll() is None:
            lab.submission.terminate()
            lab.submission.wait(30)
        lab.submission.log_file.close()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def lab(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    context.set_default_timeout(60_000)
    page = Page(context.new_page(), server)
    with page.showing("jupyterlab-start"):
        page.goto_lab()
        page.close_all()                                # the Launcher
        page.command("application:toggle-left-area")    # room for the notebook
    yield page
    context.close()


def _is_written(cell):
    meta = nbgrader_meta(cell)
    return cell["cell_type"] == "markdown" and bool(meta.get("solution")) and bool(meta.get("grade"))


def _written_id(slug):
    nb = json.loads((ROOT / "grader" / "source" / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    return next(nbgrader_meta(c)["grade_id"] for c in nb["cells"] if _is_written(c))


def _notebook_path(slug):
    return f"notebooks/{slug}/{slug}.ipynb"


def _finish(lab):
    """Clear the outputs and save (the next test starts from a clean file, and closing
    asks nothing), close the notebook, shut its kernel down."""
    try:
        lab.command("notebook:clear-all-cell-outputs")
        lab.save()
        lab.close_all()
    finally:
        for kernel in lab.server.api("GET", "api/kernels") or []:
            try:
                lab.server.api("DELETE", f"api/kernels/{kernel['id']}")
            except urllib.error.HTTPError as error:
                if error.code != 404:  # 404: it went away between the listing and now (closing
                    raise              # the notebook can shut it down): the state we wanted


def run_all_cells(lab):
    """Run > Run All Cells.  A failing cell (an unanswered exercise) stops the run, as in any
    JupyterLab; the student then goes on from the first cell that did not run, with Run > Run
    Selected Cell and All Below, until every cell has run.  Returns the cells where it stopped.

    (On a slow machine a cell queued after the failing one now and then runs anyway: the
    kernel aborts only the requests it already has.  Going on from the first cell that did
    not run re-runs those too, in order.)"""
    lab.run_from_menu("Run All Cells", RUN_TIMEOUT_MS)
    stops = []
    while True:
        cells = lab.notebook_json()["cells"]
        code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
        holes = [i for i in code if cells[i].get("execution_count") is None]
        if not holes:
            return stops
        hole = holes[0]
        assert hole != code[0], "Run All Cells did not run the first code cell"
        stopped_at = max(i for i in code if i < hole)
        assert _errors(cells[stopped_at]), \
            f"the run stopped after cell {stopped_at} ({_first_line(cells[stopped_at])!r}), which shows no error"
        assert len(stops) < len(code), f"the run keeps stopping: {stops}"
        stops.append(stopped_at)
        lab.select_cell(hole)
        lab.run_from_menu("Run Selected Cell and All Below", RUN_TIMEOUT_MS)


def _screenshot_notebook(lab, name):
    """Scroll the first graph (else plot) to the middle of the screen; screenshot."""
    lab.page.evaluate(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const img = panel.querySelector('.jp-OutputArea img[src^="data:image/svg+xml"]')
                     || panel.querySelector('.jp-OutputArea img');
            if (img) img.scrollIntoView({block: 'center'});
        }""")
    lab.page.wait_for_timeout(300)
    return lab.screenshot(name)


# -- student ---------------------------------------------------------------------------------

@needs_browser
@pytest.mark.parametrize("slug", LESSONS)
def test_student_runs_notebook(slug, lab):
    with lab.showing(f"student-{slug}", cleanup=lambda: _finish(lab)):
        lab.open_notebook(_notebook_path(slug))
        stops = run_all_cells(lab)
        cells = lab.notebook_json()["cells"]
        problems = error_problems(cells)
        assert not problems, f"{slug} after Run All (stopped at {stops}):\n" + "\n".join(problems)
        problems = image_problems(cells, lab.rendered_images(), dot=HAS_DOT)
        assert not problems, f"{slug}: pictures:\n" + "\n".join(problems)
        shot = _screenshot_notebook(lab, f"notebook-{slug}")
        if slug == README_SHOT and os.environ.get("AUTOGRAD_COURSE_UPDATE_SCREENSHOT") == "1":
            (ROOT / "docs").mkdir(exist_ok=True)
            shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")


def _validate(lab):
    """Press nbgrader's Validate button in the notebook toolbar; return the dialog's (kind, text)."""
    lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .validate-button").click()
    result = lab.page.locator(".jp-Dialog .validation-success, .jp-Dialog .validation-failed, "
                              ".jp-Dialog .validation-changed, .jp-Dialog .validation-type-changed, "
                              ".jp-Dialog .validation-passed")
    dialog = lab.page.locator(".jp-Dialog")
    dialog.wait_for(timeout=VALIDATE_TIMEOUT_MS)
    try:
        result.first.wait_for(timeout=VALIDATE_TIMEOUT_MS)
    except Exception as exc:
        raise AssertionError(f"the Validate dialog shows no result:\n{dialog.inner_text()[:3000]}") from exc
    kind = next(k for k in ("success", "failed", "changed", "type-changed", "passed")
                if "validation-" + k in (result.first.get_attribute("class") or "").split())
    return kind, dialog.inner_text()


def _close_dialog(lab):
    lab.page.locator(".jp-Dialog .jp-mod-accept").click()
    lab.page.locator(".jp-Dialog").wait_for(state="detached")


@needs_browser
def test_student_solves_and_validates(lab):
    """Type the answers (code and the written one) into the cells, Run All: every test
    passes; then Validate says success."""
    answers = solutions(SOLVED)
    answers[_written_id(SOLVED)] = WRITTEN_ANSWER_02
    with lab.showing(f"validate-{SOLVED}", cleanup=lambda: _finish(lab)):
        lab.open_notebook(_notebook_path(SOLVED))
        cells = lab.notebook_json()["cells"]
        answer_cells = {nbgrader_meta(c)["grade_id"]: i for i, c in enumerate(cells)
                        if is_answer(c) or _is_written(c)}
        assert set(answer_cells) == set(answers), (sorted(answer_cells), sorted(answers))
        for grade_id, index in answer_cells.items():
            lab.type_into_cell(index, answers[grade_id])
        cells = lab.notebook_json()["cells"]
        for grade_id, index in answer_cells.items():
            typed = cell_text(cells[index])
            assert typed.strip() == answers[grade_id].strip(), \
                f"typing went wrong in {grade_id}:\n{typed}\n--- expected ---\n{answers[grade_id]}"

        stops = run_all_cells(lab)
        cells = lab.notebook_json()["cells"]
        failing = [f"{nbgrader_meta(c)['grade_id']}: {[e.get('evalue', '')[:200] for e in _errors(c)]}"
                   for c in cells if is_tests(c) and _errors(c)]
        assert not failing and not stops, f"with the answers typed in, tests still fail: {failing}"
        lab.cell(min(answer_cells.values())).scroll_into_view_if_needed()

        kind, text = _validate(lab)
        lab.screenshot(f"validate-success-{SOLVED}")
        assert kind == "success", f"Validate says {kind}:\n{text[:3000]}"
        assert "Success! Your notebook passes all the tests." in text
        _close_dialog(lab)


@needs_browser
def test_student_validates_unsolved_notebook(lab):
    with lab.showing(f"validate-{UNSOLVED}", cleanup=lambda: _finish(lab)):
        lab.open_notebook(_notebook_path(UNSOLVED))
        kind, text = _validate(lab)
        lab.screenshot(f"validate-failed-{UNSOLVED}")
        assert kind == "failed", f"Validate on an unsolved notebook says {kind}:\n{text[:3000]}"
        assert "The following cell failed:" in text
        assert "아직 답을 작성하지 않았습니다" in text, "the failure does not show the Korean feedback"
        _close_dialog(lab)


# -- instructor ------------------------------------------------------------------------------

@needs_browser
def test_formgrader_lists_the_assignments(lab):
    with lab.showing("formgrader-assignments"):
        lab.page.goto(f"{lab.server.url}formgrader")
        table = lab.page.locator("table tbody")
        for slug in LESSONS:
            table.locator("tr", has_text=slug).first.wait_for()
        rows = [r.strip().split()[0] for r in table.locator("tr").all_inner_texts() if r.strip()]
        assert sorted(r for r in rows if re.match(r"^\d\d_", r)) == LESSONS, rows
        lab.screenshot("formgrader-assignments")


@pytest.fixture(scope="module")
def submission(server):
    """Wait for the background generate_assignment + autograde of the test course's submission."""
    process = server.submission
    try:
        process.wait(timeout=300)
    except Exception:  # noqa: BLE001
        pass
    log = (server.base / "submission.log").read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        pytest.fail(f"making the autograded submission failed (exit {process.returncode}):\n{log[-4000:]}")
    return SUBMISSION


def _points(slug):
    nb = json.loads((ROOT / "grader" / "source" / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    return {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"] for c in nb["cells"] if nbgrader_meta(c).get("grade")}


@needs_browser
def test_formgrader_shows_an_autograded_submission(lab, submission):
    assignment, student = submission
    points = _points(assignment)
    written = _written_id(assignment)
    solved_tests = next(k for k in points if k.startswith("ex1_"))
    code_total = sum(v for k, v in points.items() if k != written)
    with lab.showing("formgrader-submission"):
        # Manual Grading -> the assignment -> its notebook -> the submission, by clicking
        lab.page.goto(f"{lab.server.url}formgrader/gradebook")
        lab.page.locator("table tbody a", has_text=assignment).first.click()
        lab.page.wait_for_url(re.compile(rf".*/formgrader/gradebook/{assignment}/?$"))
        lab.page.locator("table tbody a", has_text=assignment).first.click()
        lab.page.wait_for_url(re.compile(rf".*/formgrader/gradebook/{assignment}/{assignment}/?$"))
        row = lab.page.locator("table tbody tr", has_text="Submission #1")
        row.wait_for()
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        overall = f"{_fmt(points[solved_tests])} / {_fmt(sum(points.values()))}"
        code = f"{_fmt(points[solved_tests])} / {_fmt(code_total)}"
        assert overall in cells and code in cells, f"the scores are {cells}, expected {overall} and {code}"
        lab.screenshot("formgrader-gradebook")

        row.locator("a", has_text="Submission #1").click()
        lab.page.wait_for_url(re.compile(r".*/formgrader/submissions/[0-9a-f]+/?$"))
        auto = lab.page.locator(f"input.score#{solved_tests}")
        auto.wait_for()
        assert float(auto.get_attribute("placeholder")) == points[solved_tests], \
            f"{solved_tests}: autograded score {auto.get_attribute('placeholder')!r}"
        for grade_id in points:
            if grade_id not in (solved_tests, written):
                assert float(lab.page.locator(f"input.score#{grade_id}").get_attribute("placeholder")) == 0
        box = lab.page.locator(f"input.score.needs_manual_grade#{written}")
        box.wait_for()
        assert box.is_visible() and box.is_editable(), "the written answer has no manual-grading box"
        comment = lab.page.locator(f"textarea.comment#{written}-comment")
        assert comment.is_visible()
        panel = lab.page.locator(".nbgrader_cell", has=box)
        assert WRITTEN_ANSWER in panel.inner_text(), "the student's written answer is not shown"
        box.scroll_into_view_if_needed()
        lab.screenshot("formgrader-submission")


def _fmt(value):
    return f"{float(value):g}"


# -- the checks themselves can fail (no browser needed) -----------------------------------------

def _code(source, outputs=(), count=1, tags=(), nbgrader=None):
    meta = {"tags": list(tags)}
    if nbgrader:
        meta["nbgrader"] = nbgrader
    return {"cell_type": "code", "source": source, "outputs": list(outputs), "execution_count": count,
            "metadata": meta}


def _err(name, value="boom"):
    return {"output_type": "error", "ename": name, "evalue": value, "traceback": []}


ANSWER = {"solution": True, "grade": False, "grade_id": "ex1"}
TESTS = {"solution": False, "grade": True, "grade_id": "ex1_tests", "points": 1}
STUB_SRC = "def f():\n    # 여기에 코드를 작성하세요\n    raise NotImplementedError()"


def _released():
    return [
        _code("import numpy as np"),
        _code("bad()", [_err("RuntimeError")], tags=[RAISES_TAG]),
        _code(STUB_SRC, nbgrader=ANSWER),
        _code("call(f)", [_err("AssertionError", "아직 답을 작성하지 않았습니다")], nbgrader=TESTS),
        _code("print(1)", [{"output_type": "stream", "name": "stdout", "text": "1\n"}]),
    ]


def test_error_check_accepts_a_released_notebook():
    assert error_problems(_released()) == []


@pytest.mark.parametrize("break_it, expected", [
    (lambda cells: cells[4]["outputs"].append(_err("NameError")), "raised ['NameError"),
    (lambda cells: cells[1].__setitem__("outputs", []), "tagged raises-exception but raised nothing"),
    (lambda cells: cells[3].__setitem__("outputs", []), "the tests of an unanswered exercise (ex1) pass"),
    (lambda cells: cells[3].__setitem__("outputs", [_err("TypeError")]), "not with the Korean feedback"),
    (lambda cells: cells[2].__setitem__("outputs", [_err("ValueError")]), "an unanswered exercise, raised"),
    (lambda cells: cells[4].__setitem__("execution_count", None), "did not run"),
    (lambda cells: cells[2].__setitem__("source", "def f():\n    return 1"), "raised ['AssertionError"),
])
def test_error_check_catches(break_it, expected):
    cells = _released()
    break_it(cells)
    problems = error_problems(cells)
    assert any(expected in p for p in problems), problems


def _shown(svg=0, raster=0, broken=0, widgets=0, untrusted=False):
    return {"svg": svg, "svg_broken": broken, "raster": raster, "raster_broken": 0, "widgets": widgets,
            "untrusted": untrusted}


def test_image_check():
    svg = {"output_type": "display_data", "data": {"image/svg+xml": "<svg/>", "text/plain": ""}}
    png = {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": ""}}
    cells = [_code("draw_graph(y)", [svg]), _code("plt.plot(x)", [png])]
    assert image_problems(cells, [_shown(svg=1), _shown(raster=1)]) == []
    assert "1 SVG output(s), 0 shown" in image_problems(cells, [_shown(), _shown(raster=1)])[0]
    assert "did not load" in image_problems(cells, [_shown(svg=1, broken=1), _shown(raster=1)])[0]
    assert any("no image is shown" in p for p in image_problems(cells, [_shown(svg=1), _shown()]))
    assert "untrusted" in image_problems(cells, [_shown(svg=1, untrusted=True), _shown(raster=1)])[0]
    assert "shows 1 cells" in image_problems(cells, [_shown(svg=1)])[0]
    no_output = [_code("draw_graph(y)"), _code("plt.plot(x)", [png])]
    assert any("no SVG graph" in p for p in image_problems(no_output, [_shown(), _shown(raster=1)]))


def test_skip_reason_names_chromium(monkeypatch):
    import browser_support

    monkeypatch.setattr(browser_support, "CHROMIUM", Path("/nonexistent/chromium"))
    reason = browser_support.unavailable()
    if reason and "Playwright" in reason:
        pytest.skip(reason)
    assert reason and "/nonexistent/chromium" in reason and "apt-get install chromium" in reason
