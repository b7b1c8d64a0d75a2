"""Helpers for the real-browser tests (tests/test_browser.py).

* ``unavailable()`` says why the browser tests cannot run here (no Playwright, no
  Chromium at /usr/bin/chromium), so that they skip with a reason instead of failing.
* ``LabServer`` starts ``jupyter lab`` from this interpreter's environment (the
  project's ``.venv`` under ``make test``) on 127.0.0.1 with a free port and a random
  token.  Everything it touches lives in a temporary folder: a copy of notebooks/,
  a small nbgrader course (the repository's config and sources, its own gradebook),
  fresh Jupyter config/data/runtime folders, JupyterLab settings that keep dialogs
  and news away, and a ``python3`` kernelspec that runs this interpreter.
* ``Page`` wraps a Playwright page with the few JupyterLab moves the tests make
  (open a notebook, Run All from the Run menu, wait for the kernel, read the
  notebook model) and ``showing()`` turns any failure into a message that says what
  the page showed: its text and the path of a screenshot.

Playwright drives Debian's Chromium (``executable_path="/usr/bin/chromium"``);
it never downloads a browser.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "grader" / "source"
CHROMIUM = Path(os.environ.get("AUTOGRAD_COURSE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("AUTOGRAD_COURSE_ARTIFACTS", ROOT / "test-artifacts")) / "browser"
JUPYTER = Path(sys.executable).parent / "jupyter"

CHROMIUM_HINT = ("install Debian's Chromium: `sudo apt-get install chromium` "
                 "(`make test` does this by itself when run as root)")

# JupyterLab settings for the test server: no news or update checks (their toasts
# cover the page), every cell in the DOM (no windowing), closing a notebook shuts its
# kernel down, and the extension manager does not go to the network.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "kernelShutdown": True},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings":
        {"enabled": False},
}


def unavailable():
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]' (make test does this)"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium was not found at {CHROMIUM}; {CHROMIUM_HINT}"
    if not JUPYTER.exists():
        return f"jupyter is not installed next to {sys.executable}"
    return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_tree(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc"))


# -- the server ---------------------------------------------------------------------------

class LabServer:
    """``jupyter lab`` on a temporary folder::

        <base>/lab/                    the server's root (what the file browser shows)
        <base>/lab/notebooks/          a copy of the repository's notebooks/
        <base>/lab/course/             an nbgrader course: the repository's config and
                                       grader/source/, its own gradebook.db; the server
                                       runs here, so the formgrader finds it
        <base>/jupyter/{config,data,runtime,settings,workspaces}
        <base>/exchange/               nbgrader's exchange (the assignment list reads it)
        <base>/server.log
    """

    def __init__(self, base: Path):
        self.base = Path(base)
        self.root = self.base / "lab"
        self.notebooks = self.root / "notebooks"
        self.course = self.root / "course"
        self.jupyter = self.base / "jupyter"
        self.log_path = self.base / "server.log"
        self.token = secrets.token_hex(24)
        self.port = None
        self.process = None
        self._log = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    # set-up
    def prepare(self):
        copy_tree(NOTEBOOKS, self.notebooks)
        copy_tree(SOURCES, self.course / "grader" / "source")
        (self.base / "exchange").mkdir(parents=True, exist_ok=True)
        # The repository's config first (course id, stubs, timeouts), then this course's folders.
        (self.course / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(ROOT / 'nbgrader_config.py')!r})  # noqa: F821\n"
            f"c.CourseDirectory.root = {str(self.course)!r}\n"
            f"c.CourseDirectory.db_url = {'sqlite:///' + str(self.course / 'gradebook.db')!r}\n"
            f"c.Exchange.root = {str(self.base / 'exchange')!r}\n",
            encoding="utf-8")
        for name in ("config", "data", "runtime", "workspaces", "ipython"):
            (self.jupyter / name).mkdir(parents=True, exist_ok=True)
        for rel, values in LAB_SETTINGS.items():
            path = self.jupyter / "settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        # "python3" is this interpreter, whatever other kernelspecs the machine has.
        spec = self.jupyter / "data" / "kernels" / "python3"
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }), encoding="utf-8")

    def env(self):
        env = dict(os.environ)
        for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "AUTOGRAD_COURSE_IPC_DIR", "NBGRADER_EXECUTION",
                     "JUPYTER_TOKEN", "PYTHONSTARTUP"):
            env.pop(name, None)
        # nbgrader runs `alembic` (a new gradebook) from PATH: this environment's bin/ first,
        # as an activated venv would have it.
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join([bindir] + [p for p in env.get("PATH", "").split(os.pathsep) if p and p != bindir])
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.jupyter / "config"),
            "JUPYTER_DATA_DIR": str(self.jupyter / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.jupyter / "runtime"),
            "IPYTHONDIR": str(self.jupyter / "ipython"),
            "JUPYTER_TOKEN": self.token,
            "AUTOGRAD_COURSE_DB": "sqlite:///" + str(self.course / "gradebook.db"),
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def command(self):
        cmd = [str(JUPYTER), "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={self.root}",
               f"--LabApp.user_settings_dir={self.jupyter / 'settings'}",
               f"--LabApp.workspaces_dir={self.jupyter / 'workspaces'}",
               # window.jupyterapp: JupyterLab's own hook for UI tests (Galata uses it)
               "--LabApp.expose_app_in_browser=True"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def start(self, timeout=180):
        self.port = free_port()
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.command(), cwd=self.course, env=self.env(),
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "api/status")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method, path, body=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None


# -- an autograded submission, made with nbgrader's API -------------------------------------

SUBMISSION_SCRIPT = r'''
import json, sys
from nbgrader.apps import NbGraderAPI
from nbgrader.apps.baseapp import NbGrader

assignment, student, answers_path = sys.argv[1:4]
answers = json.load(open(answers_path, encoding="utf-8"))

app = NbGrader()            # reads ./nbgrader_config.py (the test course)
app.load_config_file()
api = NbGraderAPI(config=app.config)
result = api.generate_assignment(assignment)
if not result["success"]:
    sys.exit("generate_assignment failed:\n" + result["log"] + result.get("error", ""))

import os, shutil, nbformat
released = os.path.join(api.coursedir.root, api.coursedir.release_directory, assignment, assignment + ".ipynb")
nb = nbformat.read(released, as_version=4)
for cell in nb.cells:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    if grade_id in answers:
        cell.source = answers[grade_id]
target = os.path.join(api.coursedir.root, "submitted", student, assignment)
os.makedirs(target, exist_ok=True)
nbformat.write(nb, os.path.join(target, assignment + ".ipynb"))
with open(os.path.join(target, "timestamp.txt"), "w") as f:
    f.write("2025-03-02 10:00:00.000000 UTC")

result = api.autograde(assignment, student)
if not result["success"]:
    sys.exit("autograde failed:\n" + result["log"] + result.get("error", ""))
print("autograded", assignment, student)
'''


def start_submission(server: LabServer, assignment: str, student: str, answers: dict):
    """Start (in the background) generate_assignment + one submission + autograde."""
    answers_path = server.base / "submission-answers.json"
    answers_path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    script = server.base / "make_submission.py"
    script.write_text(SUBMISSION_SCRIPT, encoding="utf-8")
    log = open(server.base / "submission.log", "wb")
    process = subprocess.Popen([sys.executable, str(script), assignment, student, str(answers_path)],
                               cwd=server.course, env=server.env(), stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    process.log_file = log
    return process


# -- notebooks ---------------------------------------------------------------------------

def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def cell_text(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def is_answer(cell):
    meta = nbgrader_meta(cell)
    return cell["cell_type"] == "code" and bool(meta.get("solution")) and not meta.get("grade")


def is_tests(cell):
    meta = nbgrader_meta(cell)
    return cell["cell_type"] == "code" and bool(meta.get("grade")) and not meta.get("solution")


def student_answer(source_cell):
    """What a student would type: the instructor's answer cell without the solution markers."""
    lines = [line for line in cell_text(source_cell).splitlines()
             if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line]
    return "\n".join(lines).strip("\n") + "\n"


def solutions(slug):
    """{grade_id: student answer} for the answer cells of grader/source/<slug>."""
    nb = json.loads((SOURCES / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    return {nbgrader_meta(c)["grade_id"]: student_answer(c) for c in nb["cells"] if is_answer(c)}


# -- the page ------------------------------------------------------------------------------

def safe_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:80] or "page"


class PageFailure(AssertionError):
    pass


class Page:
    """A Playwright page on the test server, with JupyterLab moves."""

    def __init__(self, page, server: LabServer, artifacts: Path = ARTIFACTS):
        self.page = page
        self.server = server
        self.artifacts = Path(artifacts)
        self.artifacts.mkdir(parents=True, exist_ok=True)

    # what the page shows
    def screenshot(self, name, full_page=False):
        path = self.artifacts / f"{safe_name(name)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def visible_text(self, limit=4000):
        try:
            text = self.page.evaluate("() => document.body ? document.body.innerText : ''")
        except Exception as exc:  # noqa: BLE001 - the page may be gone
            return f"(could not read the page: {exc})"
        text = re.sub(r"\n\s*\n+", "\n", text).strip()
        return text if len(text) <= limit else text[:limit] + f"\n... ({len(text) - limit} more characters)"

    @contextlib.contextmanager
    def showing(self, label, cleanup=None):
        """Any failure inside becomes: the message, what the page showed, a screenshot path.

        ``cleanup()`` runs afterwards either way (after the screenshot); when the body
        failed, a failing cleanup does not hide that first failure.
        """
        try:
            yield self
        except Exception as exc:
            try:
                shot = self.screenshot(f"FAILED-{label}")
            except Exception as shot_exc:  # noqa: BLE001
                shot = f"(no screenshot: {shot_exc})"
            message = (f"{label}: {type(exc).__name__}: {exc}\n"
                       f"--- the page showed ({self.page.url}) ---\n{self.visible_text()}\n"
                       f"--- screenshot: {shot}")
            if cleanup is not None:
                with contextlib.suppress(Exception):
                    cleanup()
            raise PageFailure(message) from exc
        if cleanup is not None:
            cleanup()

    # JupyterLab
    def goto_lab(self, path="lab", timeout=120_000):
        self.page.goto(f"{self.server.url}{path}?token={self.server.token}&reset", timeout=timeout)
        self.page.wait_for_selector("#jp-main-dock-panel", timeout=timeout)
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined",
                                    timeout=timeout)
        self.page.evaluate("() => window.jupyterapp.started")
        self.page.wait_for_selector(".jp-DirListing-item", timeout=timeout)

    def command(self, command, args=None):
        return self.page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a || {})", [command, args])

    def open_notebook(self, path, timeout=120_000):
        """Open the notebook at ``path`` (relative to the server root) and wait for its kernel."""
        self.command("docmanager:open", {"path": path})
        self.page.wait_for_function(
            """(path) => {
                const w = window.jupyterapp.shell.currentWidget;
                return w && w.context && w.context.path === path && w.content && w.content.isReady !== false
                    && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
                    && w.sessionContext.session.kernel.connectionStatus === 'connected'
                    && w.sessionContext.session.kernel.status === 'idle';
            }""", arg=path, timeout=timeout, polling=250)
        self.page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=timeout)
        # count the executions the kernel starts, to know when a Run has begun
        self.page.evaluate(
            """() => {
                const w = window.jupyterapp.shell.currentWidget;
                if (w.__agcInputs === undefined) {
                    w.__agcInputs = 0;
                    w.sessionContext.iopubMessage.connect((_, msg) => {
                        if (msg.header.msg_type === 'execute_input') w.__agcInputs++;
                    });
                }
            }""")

    def close_all(self):
        self.command("application:close-all")
        self.page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=30_000)

    def menu(self, top, item):
        """Click ``top`` in the menu bar, then ``item`` (exact labels), as a user does."""
        bar = self.page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=re.compile(rf"^{re.escape(top)}$"))
        bar.click()
        entry = self.page.locator(".lm-Menu:visible .lm-Menu-item:not(.lm-mod-disabled)",
                                  has=self.page.locator(".lm-Menu-itemLabel",
                                                        has_text=re.compile(rf"^{re.escape(item)}$")))
        entry.first.click()

    def executions(self):
        """How many cells the kernel of the current notebook has started (its execute_input messages)."""
        return self.page.evaluate("() => window.jupyterapp.shell.currentWidget.__agcInputs")

    def run_from_menu(self, item, timeout=240_000):
        """Run > ``item`` (e.g. "Run All Cells"); wait until it has started, then until it is over."""
        before = self.executions()
        self.menu("Run", item)
        self.page.wait_for_function("(before) => window.jupyterapp.shell.currentWidget.__agcInputs > before",
                                    arg=before, timeout=timeout, polling=250)
        self.wait_idle(timeout)

    def select_cell(self, index):
        self.page.evaluate("(i) => { const n = window.jupyterapp.shell.currentWidget.content;"
                           " n.activeCellIndex = i; n.mode = 'command'; }", index)

    def wait_idle(self, timeout=240_000):
        """Wait until no cell shows [*] and the toolbar's kernel indicator says idle."""
        self.page.wait_for_function(
            """() => {
                const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                if (!panel) return false;
                const busy = [...panel.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
                const w = window.jupyterapp.shell.currentWidget;
                const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
                return !busy && kernel && kernel.status === 'idle' && !w.sessionContext.pendingInput;
            }""", timeout=timeout, polling=500)
        # idle twice in a row, a moment apart: a queued cell may still be on its way
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(
            """() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')]
                      .some(p => p.textContent.includes('*'))
                   && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'""",
            timeout=timeout, polling=500)

    def notebook_json(self):
        return self.page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.toJSON()")

    def save(self, timeout=60_000):
        self.command("docmanager:save")
        self.page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty",
                                    timeout=timeout)

    def cell(self, index):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)

    def type_into_cell(self, index, text):
        """Replace the text of cell ``index`` by typing, as a student does in the editor."""
        cell = self.cell(index)
        cell.scroll_into_view_if_needed()
        editor = cell.locator(".jp-InputArea-editor .cm-content")
        if not editor.is_visible():     # a rendered Markdown cell: a double click opens its editor
            cell.locator(".jp-RenderedMarkdown").dblclick()
        editor.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        # insert_text types the whole answer as one input (no auto-indent, no auto-closed brackets)
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Escape")

    def rendered_images(self):
        """Per cell: rendered SVG and raster images (with whether each has loaded), widgets."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')]
                .map(cell => {
                    const imgs = [...cell.querySelectorAll('.jp-OutputArea img')];
                    const ok = img => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0;
                    const svgImg = imgs.filter(i => (i.getAttribute('src') || '').startsWith('data:image/svg+xml'));
                    const inlineSvg = [...cell.querySelectorAll('.jp-OutputArea svg')].filter(
                        s => !s.closest('svg:not(:scope)') && !s.closest('.jp-icon, button, .lm-Widget.jp-Toolbar')
                             && s.getBoundingClientRect().width > 40);
                    const raster = imgs.filter(i => /^data:image\\/(png|jpeg)/.test(i.getAttribute('src') || ''));
                    return {
                        svg: svgImg.length + inlineSvg.length,
                        svg_broken: svgImg.filter(i => !ok(i)).length,
                        raster: raster.length,
                        raster_broken: raster.filter(i => !ok(i)).length,
                        widgets: cell.querySelectorAll('.jp-OutputArea .jupyter-widgets').length,
                        untrusted: (cell.querySelector('.jp-OutputArea') || {innerText: ''}).innerText
                                   .includes('Cannot display an untrusted'),
                    };
                })""")
