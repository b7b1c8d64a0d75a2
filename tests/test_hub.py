"""A real class on a local JupyterHub: Unix users, nbgrader's exchange, the grader,
driven in Debian's Chromium with Playwright.

``jupyterhub -f deploy/jupyterhub_config.py`` (LocalProcessSpawner, DummyAuthenticator
with a password, configurable-http-proxy from npm in .venv/hub-proxy/) serves one
instructor and three students, real Unix users made here with useradd and removed
afterwards.  One Chromium, one browser context per user; every user logs in through
the hub's login form (a wrong password is refused first), and the four servers start
together.  No fixed sleeps: every step waits for what the page shows.

Instructor: ``python -m grader release`` 02 and 07 into the course home (the terminal,
while the hub starts), then the Formgrader as a page of its own, ``/user/<instructor>/formgrader``
in a second browser tab, and the Release button of each lesson there (JupyterLab's
Formgrader panel is an iframe, which JupyterHub's ``frame-ancestors 'none'`` leaves blank,
nbgrader #1870; the hub keeps that header, see deploy/jupyterhub_config.py).  Students: Nbgrader >
Assignment List, Fetch for both lessons in the Assignments tab, solve them (one fully
with grader/source's solutions, one only exercise 1, one blank; the test writes the
notebook files, keeping them the student's), Submit in the tab.  Instructor, in the
terminal as today: ``nbgrader collect``, ``python -m grader autograde`` (sandboxed, as
the README says), ``feedback``, ``nbgrader release_feedback``, ``export``; every
student's every exercise score is checked in the CSV.  Students: Fetch Feedback in the
tab, "(view feedback)", the page opened from the file browser: their own name, every
exercise's score and the total are checked on that page.

What must not happen, checked as the students: reading another student's home,
submission or feedback; reading the instructor's grader/source/ or gradebook;
overwriting or removing a released notebook; opening the instructor's or another
student's server from the browser; reaching a formgrader on their own.  Every server, the
instructor's too, keeps JupyterHub's ``frame-ancestors 'none'`` (no page on the hub's one
origin may frame the instructor's: nbgrader PR #1947).

Each phase's time is printed and written to test-artifacts/hub/timings.txt, with
screenshots (FAILED-*.png when a step fails).  Skipped with the reason when not root,
without npm's configurable-http-proxy, or without Playwright and Chromium.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import CHROMIUM, LAB_SETTINGS, Page, solutions  # noqa: E402
from browser_support import ARTIFACTS as BROWSER_ARTIFACTS  # noqa: E402
from browser_support import unavailable as browser_unavailable  # noqa: E402
from hub_support import (CONFIG, ENV_BIN, ROOT, Hub, as_user, submit_login, traversable,  # noqa: E402
                         unavailable, unix_users, wait_for_lab, write_lab_settings)

LESSONS = ("02_backward_grad", "07_retain_graph")
INSTRUCTOR = "agc-teacher"
STUDENTS = {"agc-full": "full", "agc-part": "partly", "agc-blank": "blank"}
COURSE_ID = "autograd-course"
Z2JH = ROOT / "deploy" / "z2jh-values.yaml"

SKIP = unavailable() or browser_unavailable()
ARTIFACTS = BROWSER_ARTIFACTS.parent / "hub"     # screenshots, timings.txt
T_UI = 120_000          # ms: one step in a page (a click's answer), on a busy 2-core machine
T_SPAWN = 300_000       # ms: login -> the user's server started -> JupyterLab drawn


# -- the two configs parse (no root needed) ------------------------------------------------

def test_local_hub_config_compiles_and_loads():
    compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec")
    from traitlets.config import Config

    env = {"AUTOGRAD_COURSE_HUB_AUTH": "dummy", "AUTOGRAD_COURSE_HUB_PASSWORD": "x",
           "AUTOGRAD_COURSE_INSTRUCTORS": "t", "AUTOGRAD_COURSE_STUDENTS": "a,b"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        c = Config()
        exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"),
             {"get_config": lambda: c, "__file__": str(CONFIG)})
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Authenticator.allowed_users == {"t", "a", "b"}
    assert c.Spawner.cmd[0].endswith("jupyterhub-singleuser")
    assert callable(c.Spawner.pre_spawn_hook)


def test_z2jh_values_parse_and_extra_config_compiles():
    """The YAML parses, hub.extraConfig compiles, and its pre_spawn_hook (run on a stand-in
    spawner) gives arguments Jupyter Server parses: the students' formgrader and course list
    off; no Content-Security-Policy of its own for anyone (the instructor keeps JupyterHub's)."""
    values = yaml.safe_load(Z2JH.read_text(encoding="utf-8"))
    extra = values["hub"]["extraConfig"]
    assert extra, "hub.extraConfig is empty"
    for name, code in extra.items():
        compile(code, f"hub.extraConfig.{name}", "exec")
    # the hook, run on a stand-in spawner: its server arguments parse as Jupyter Server's
    from jupyter_server.serverapp import ServerApp

    hub = {"c": SimpleNamespace(KubeSpawner=SimpleNamespace())}
    for name, code in extra.items():
        exec(compile(code, f"hub.extraConfig.{name}", "exec"), hub)
    hook = hub["c"].KubeSpawner.pre_spawn_hook
    for user, teacher in (("instructor", True), ("student1", False)):
        spawner = SimpleNamespace(user=SimpleNamespace(name=user), environment={}, args=[],
                                  volume_mounts=[], volumes=[])
        hook(spawner)
        app = ServerApp()
        app.parse_command_line(spawner.args)
        assert not app.tornado_settings, (user, spawner.args)     # no headers of our own
        assert not any("Content-Security-Policy" in a for a in spawner.args), spawner.args
        if teacher:
            assert not app.jpserver_extensions, spawner.args
            assert any(v["name"] == "course-home" for v in spawner.volumes)
        else:
            assert app.jpserver_extensions == {"nbgrader.server_extensions.formgrader": False,
                                               "nbgrader.server_extensions.course_list": False}
    mounts = values["singleuser"]["storage"]["extraVolumeMounts"]
    assert any(m["mountPath"] == "/srv/nbgrader/exchange" for m in mounts), mounts
    assert values["singleuser"]["memory"]["limit"]


# -- the hub -----------------------------------------------------------------------------

def _answers(slug, how):
    full = solutions(slug)
    if how == "full":
        return full
    if how == "partly":
        return {k: v for k, v in full.items() if k.startswith("ex1_")}
    return {}


def _solve(path: Path, answers):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell["source"] = answers[gid]
    st = path.stat()
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    os.chown(path, st.st_uid, st.st_gid)


def _points(slug):
    nb = json.loads((ROOT / "grader" / "source" / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        m = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and m.get("grade") and not m.get("solution"):
            out[m["grade_id"]] = float(m["points"])    # the export names a column after the tests cell
    return out


def _all_points(slug):
    nb = json.loads((ROOT / "grader" / "source" / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    return sum(float(c["metadata"]["nbgrader"].get("points") or 0) for c in nb["cells"]
               if c.get("metadata", {}).get("nbgrader", {}).get("grade"))


def _denied(entry, *args):
    r = as_user(entry, list(args), check=False)
    return r.returncode != 0, f"{entry.pw_name}: {' '.join(args)} -> {r.returncode} {r.stdout[:200]} {r.stderr[:200]}"


def _seen(locator, timeout=T_UI):
    """Wait until ``locator`` is on the screen (Playwright's auto-waiting; no fixed sleeps)."""
    locator.wait_for(state="visible", timeout=timeout)
    return locator


class _Phases:
    """Wall-clock time of each phase, printed and written next to the screenshots."""

    def __init__(self):
        self.start = self.last = time.monotonic()
        self.rows = []

    def __call__(self, label):
        now = time.monotonic()
        self.rows.append((label, now - self.last))
        self.last = now

    def report(self):
        lines = [f"{label:<44} {sec:6.1f} s" for label, sec in self.rows]
        lines.append(f"{'total':<44} {time.monotonic() - self.start:6.1f} s")
        text = "\n".join(lines)
        print(text)
        with contextlib.suppress(OSError):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / "timings.txt").write_text(text + "\n", encoding="utf-8")


@pytest.mark.skipif(SKIP is not None, reason=f"hub test skipped: {SKIP}")
def test_a_class_on_jupyterhub():
    from playwright.sync_api import sync_playwright

    phases = _Phases()
    base = Path(tempfile.mkdtemp(prefix="autograd-hub-"))
    os.chmod(base, 0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)               # nbgrader's docs: everyone reads and writes the exchange root
    password = secrets.token_hex(12)
    hub = Hub(base, [INSTRUCTOR], list(STUDENTS), exchange, password)
    try:
        with traversable([Path(sys.executable), ENV_BIN, ROOT]), \
                unix_users([INSTRUCTOR, *STUDENTS]) as users, \
                sync_playwright() as p:
            hub.launch()
            # while the hub starts: the instructor's course, each user's JupyterLab settings
            course = _course(users[INSTRUCTOR])
            for entry in users.values():
                write_lab_settings(entry, LAB_SETTINGS)
            browser = p.chromium.launch(executable_path=str(CHROMIUM))
            hub.wait_ready()
            phases("hub, course release, Chromium")
            try:
                _class(hub, users, exchange, password, browser, course, phases)
            finally:
                browser.close()
    finally:
        hub.stop()
        shutil.rmtree(base, ignore_errors=True)
        phases.report()


def _course(teacher):
    """The instructor's copy of grader/source and ``python -m grader release`` into the course home."""
    course_repo = Path(teacher.pw_dir) / "autograd-course"
    shutil.copytree(ROOT / "grader" / "source", course_repo / "grader" / "source")
    subprocess_chown(course_repo, teacher)
    home = Path(teacher.pw_dir) / ".local" / "share" / COURSE_ID
    grader = [str(ENV_BIN / "python"), "-m", "grader", "--course-dir", str(home),
              "--source", str(course_repo / "grader" / "source")]
    as_user(teacher, [*grader, "release", *LESSONS])
    for slug in LESSONS:
        assert (home / "release" / slug / f"{slug}.ipynb").is_file(), slug
    return {"repo": course_repo, "home": home, "grader": grader}


def _class(hub, users, exchange, password, browser, course, phases):
    teacher = users[INSTRUCTOR]
    home, grader, course_repo = course["home"], course["grader"], course["repo"]
    pages = {}
    for name in [INSTRUCTOR, *STUDENTS]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(T_UI)
        pages[name] = Page(context.new_page(), hub, ARTIFACTS)

    # the wrong password does not get in
    intruder = pages["agc-full"]
    with intruder.showing("wrong-password"):
        submit_login(intruder.page, hub, "agc-full", "wrong-" + password)
        _seen(intruder.page.locator(".login_error"))
        assert "/hub/login" in intruder.page.url, intruder.page.url
        cookies = {c["name"] for c in intruder.page.context.cookies()}
        assert "jupyterhub-session-id" not in cookies, cookies

    # everyone logs in through the hub's form; the four servers start together
    for name, page in pages.items():
        with page.showing(f"{name}-login"):
            submit_login(page.page, hub, name, password)
    for name, page in pages.items():
        with page.showing(f"{name}-lab"):
            wait_for_lab(page.page, name, T_SPAWN)
    phases("4 logins, servers and JupyterLabs")

    # every home is private (Debian's useradd makes them 0755; the hub's pre_spawn_hook closes them)
    for entry in users.values():
        assert stat.S_IMODE(os.stat(entry.pw_dir).st_mode) == 0o700, entry.pw_dir
    # no server may be framed, the instructor's included: JupyterHub's default, kept
    for name, page in pages.items():
        for path in ("lab", "formgrader/manage_assignments") if name == INSTRUCTOR else ("lab",):
            r = page.page.request.get(f"{hub.url}user/{name}/{path}")
            csp = r.headers.get("content-security-policy", "")
            assert r.ok, (name, path, r.status)
            assert "frame-ancestors 'none'" in csp and "'self'" not in csp, (name, path, csp)
        if name in STUDENTS:        # no formgrader on a student's server (it is switched off there)
            r = page.page.request.get(f"{hub.url}user/{name}/formgrader")
            assert r.status == 404, (name, r.status, r.url)
    # a student cannot open the instructor's server, nor another student's
    for other in (INSTRUCTOR, "agc-part"):
        r = pages["agc-full"].page.request.get(f"{hub.url}user/{other}/api/contents")
        assert r.status == 403 and '"content"' not in r.text(), (other, r.status, r.url, r.text()[:300])

    # -- instructor: release in the Formgrader, a page of its own in a second tab --------------
    lab = pages[INSTRUCTOR]
    t = Page(lab.page.context.new_page(), hub, ARTIFACTS)
    with t.showing("instructor-formgrader-release"):
        t.page.goto(f"{hub.url}user/{INSTRUCTOR}/formgrader")
        t.page.wait_for_url(re.compile(rf".*/user/{INSTRUCTOR}/formgrader/manage_assignments/?$"))
        # the top-level page, not JupyterLab's panel (an iframe that 'none' would leave blank)
        assert t.page.evaluate("() => window === window.top")
        for slug in LESSONS:
            row = t.page.locator("#main-table tr", has=t.page.locator("td.name", has_text=slug))
            status = row.locator("td.status")
            _seen(status.get_by_text("draft", exact=True))
            row.locator("td.release a").click()
            modal = t.page.locator("#success-modal")
            _seen(modal.get_by_text(f"Successfully released '{slug}'."))
            modal.locator(".modal-footer button").click()
            modal.wait_for(state="detached", timeout=T_UI)
            _seen(status.get_by_text("released", exact=True))
        t.screenshot("instructor-formgrader-released")
    lab.page.context.close()                # the instructor goes on in the terminal
    outbound = exchange / COURSE_ID / "outbound"
    inbound = exchange / COURSE_ID / "inbound"
    for slug in LESSONS:
        assert (outbound / slug / f"{slug}.ipynb").is_file(), slug
    assert stat.S_IMODE(inbound.stat().st_mode) & 0o733 == 0o733 and not inbound.stat().st_mode & stat.S_IROTH
    phases("instructor: release in the Formgrader tab")

    # -- students: the Assignments tab: Fetch, solve, Submit ---------------------------------
    for name, how in STUDENTS.items():
        entry, page = users[name], pages[name]
        with page.showing(f"{name}-fetch-submit"):
            page.menu("Nbgrader", "Assignment List")
            for slug in LESSONS:
                released = page.page.locator("#released_assignments_list > .list_item", has_text=slug)
                released.get_by_role("button", name="Fetch", exact=True).click()
                _seen(page.page.locator("#fetched_assignments_list > .list_item", has_text=slug))
                nb = Path(entry.pw_dir) / slug / f"{slug}.ipynb"
                assert nb.is_file() and nb.stat().st_uid == entry.pw_uid, nb
                assert "BEGIN HIDDEN TESTS" not in nb.read_text(encoding="utf-8")
                _solve(nb, _answers(slug, how))
            for slug in LESSONS:
                fetched = page.page.locator("#fetched_assignments_list > .list_item", has_text=slug)
                fetched.get_by_role("button", name="Submit", exact=True).click()
                _seen(page.page.locator("#submitted_assignments_list > .list_item", has_text=slug))
            page.screenshot(f"{name}-submitted")
    phases("students: fetch, solve, submit (tab)")

    # -- what must not happen -------------------------------------------------------------
    s_full, s_part = users["agc-full"], users["agc-part"]
    other_nb = Path(s_part.pw_dir) / LESSONS[0] / f"{LESSONS[0]}.ipynb"
    problems = []
    for ok, msg in [
        _denied(s_full, "cat", str(other_nb)),
        _denied(s_full, "ls", str(inbound)),
        _denied(s_full, "ls", str(course_repo / "grader" / "source")),
        _denied(s_full, "cat", str(course_repo / "grader" / "source" / LESSONS[0] / f"{LESSONS[0]}.ipynb")),
        _denied(s_full, "cat", str(home / "gradebook.db")),
        _denied(s_full, "sh", "-c", f"echo x > {outbound / LESSONS[0] / (LESSONS[0] + '.ipynb')}"),
        _denied(s_full, "rm", "-rf", str(outbound / LESSONS[0])),
        _denied(s_full, "mv", str(outbound / LESSONS[0]), str(exchange / "stolen")),
    ]:
        if not ok:
            problems.append(msg)
    # Another student's submission: nbgrader's inbound can be written but not listed (733);
    # the files in it are world-readable (the instructor, another user, must read them), so
    # what keeps them private is that their folder's name cannot be guessed: it ends with a
    # timestamp to the microsecond and a random string (docs/deploy.md, "known limits").
    theirs = [sub for sub in inbound.iterdir() if sub.name.startswith("agc-part+")]
    assert len(theirs) == len(LESSONS), theirs
    for sub in theirs:
        assert len(sub.name.rsplit("+", 1)[-1]) >= 12, sub.name
    assert not problems, "\n".join(problems)

    # -- instructor: collect, grade, feedback, export (the terminal) ---------------------------
    for slug in LESSONS:
        as_user(teacher, [str(ENV_BIN / "nbgrader"), "collect", slug], cwd=home)
        for name in STUDENTS:
            assert (home / "submitted" / name / slug / f"{slug}.ipynb").is_file(), (name, slug)
    phases("instructor: collect")
    as_user(teacher, [*grader, "autograde", "--no-progress", *LESSONS], timeout=1200)
    phases("instructor: autograde (sandboxed)")
    as_user(teacher, [*grader, "feedback", *LESSONS])
    for slug in LESSONS:
        as_user(teacher, [str(ENV_BIN / "nbgrader"), "release_feedback", slug], cwd=home)
    as_user(teacher, [*grader, "export", *LESSONS])
    phases("instructor: feedback, release, export")
    exports = sorted((home / "exports").glob("*.csv"))
    assert exports, list(home.iterdir())
    with open(exports[-1], encoding="utf-8-sig", newline="") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(STUDENTS), rows.keys()
    for name, how in STUDENTS.items():
        for slug in LESSONS:
            for ex, pts in _points(slug).items():
                got = rows[name][f"{slug}/{ex}"]
                assert got != "" and float(got) == _want(how, ex, pts), (name, slug, ex, got, rows[name])
        assert rows[name]["sandbox"] == "yes", rows[name]

    # -- students: Fetch Feedback in the tab, and their own scores on the page -------------------
    for name, how in STUDENTS.items():
        entry, page = users[name], pages[name]
        with page.showing(f"{name}-feedback"):
            page.page.locator("#refresh_assignments_list").click()
            for slug in LESSONS:
                page.menu("Nbgrader", "Assignment List")      # the tab again, after a feedback page
                item = page.page.locator("#submitted_assignments_list > .list_item", has_text=slug)
                _seen(item.get_by_text("(feedback available to fetch)"))
                item.get_by_role("button", name="Fetch Feedback", exact=True).click()
                # the list is drawn again; "(view feedback)" opens the feedback's folder
                item = page.page.locator("#submitted_assignments_list > .list_item", has_text=slug)
                _seen(item.get_by_text("(view feedback)")).click()
                _seen(page.page.locator(".jp-DirListing-item", has_text=f"{slug}.html")).dblclick()
                frame = page.page.frame_locator(".jp-HTMLViewer iframe")
                summary = frame.locator(".grader-summary")
                _seen(summary.locator("p", has_text=f"학생: {name}"))
                total, got = _all_points(slug), 0.0
                for ex, pts in _points(slug).items():
                    want = _want(how, ex, pts)
                    got += want
                    tr = summary.locator("tr", has=frame.locator("td:first-child",
                                                                  has_text=re.compile(rf"^{ex.removesuffix('_tests')}$")))
                    _seen(tr.locator("td.num", has_text=re.compile(rf"^{want:g} / {pts:g}$")))
                # the summary counts the written answer's points in the maximum (not graded yet)
                _seen(summary.locator("p > b", has_text=re.compile(rf"^{got:g} / {total:g}$")))
                page.screenshot(f"{name}-feedback-{slug}")
                # close the page's tab (the next lesson's page is then the only HTML viewer)
                page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()
                page.page.locator(".jp-HTMLViewer").wait_for(state="detached", timeout=T_UI)
            pages_ = list(Path(entry.pw_dir).glob(f"{LESSONS[0]}/feedback/*/{LESSONS[0]}.html"))
            assert len(pages_) == 1, pages_
        page.page.context.close()
    phases("students: fetch feedback, read scores (tab)")

    # the feedback folder cannot be listed; a page is found only by its hash (of that student's
    # submission and timestamp), which another student cannot compute
    feedback_root = exchange / COURSE_ID / "feedback"
    ok, msg = _denied(s_full, "ls", str(feedback_root))
    assert ok, msg
    for entry_name in ("agc-part", "agc-blank"):
        for slug in LESSONS:
            for f in (Path(users[entry_name].pw_dir) / slug / "feedback").rglob("*.html"):
                ok, msg = _denied(s_full, "cat", str(f))
                assert ok, msg


def _want(how, ex, pts):
    return pts if how == "full" or (how == "partly" and ex.startswith("ex1_")) else 0.0


def subprocess_chown(path, entry):
    """The instructor's copy of the sources belongs to the instructor (a 0700 home)."""
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid)
