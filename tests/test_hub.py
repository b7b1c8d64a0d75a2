"""A real class on a local JupyterHub: Unix users, nbgrader's exchange, the grader.

``jupyterhub -f deploy/jupyterhub_config.py`` (LocalProcessSpawner, DummyAuthenticator
with a password, configurable-http-proxy from npm in .venv/hub-proxy/) serves one
instructor and three students, real Unix users made here with useradd and removed
afterwards.  Every user logs in through the hub's login form and gets a server running
as that user from the course's environment (the repo's .venv, made traversable).

Instructor: ``python -m grader release`` 02 and 07 into the course home, then
``nbgrader release_assignment``.  Students: the Assignments tab's list (the
assignment_list server extension, through the hub) shows both; each fetches them,
solves them (one fully with grader/source's solutions, one only exercise 1, one
blank) and submits.  Instructor: ``nbgrader collect``, ``python -m grader autograde``
(sandboxed, as the README says), ``feedback``, ``nbgrader release_feedback``,
``export``; every student's every exercise score is checked in the CSV, and each
student fetches their own feedback and sees their own scores.

What must not happen, checked as the students: reading another student's home,
submission or feedback; reading the instructor's grader/source/ or gradebook;
overwriting or removing a released notebook.

Skipped with the reason when not root, or without npm's configurable-http-proxy.
NOT yet done: driving these steps in Chromium (the Assignments tab's buttons); see
docs/deploy.md.
"""
from __future__ import annotations

import csv
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import urllib.error
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import solutions  # noqa: E402
from hub_support import (CONFIG, ENV_BIN, ROOT, Hub, Session, as_user, released_ids,  # noqa: E402
                         scores_in, traversable, unavailable, unix_users)

LESSONS = ("02_backward_grad", "07_retain_graph")
INSTRUCTOR = "agc-teacher"
STUDENTS = {"agc-full": "full", "agc-part": "partly", "agc-blank": "blank"}
COURSE_ID = "autograd-course"
Z2JH = ROOT / "deploy" / "z2jh-values.yaml"

SKIP = unavailable()


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
    values = yaml.safe_load(Z2JH.read_text(encoding="utf-8"))
    extra = values["hub"]["extraConfig"]
    assert extra, "hub.extraConfig is empty"
    for name, code in extra.items():
        compile(code, f"hub.extraConfig.{name}", "exec")
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


@pytest.mark.skipif(SKIP is not None, reason=f"hub test skipped: {SKIP}")
def test_a_class_on_jupyterhub():
    base = Path(tempfile.mkdtemp(prefix="autograd-hub-"))
    os.chmod(base, 0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)               # nbgrader's docs: everyone reads and writes the exchange root
    password = secrets.token_hex(12)
    hub = Hub(base, [INSTRUCTOR], list(STUDENTS), exchange, password)
    try:
        with traversable([Path(sys.executable), ENV_BIN, ROOT]), \
                unix_users([INSTRUCTOR, *STUDENTS]) as users:
            hub.start()
            _class(hub, users, exchange, password)
    finally:
        hub.stop()
        shutil.rmtree(base, ignore_errors=True)


def _class(hub, users, exchange, password):
    teacher = users[INSTRUCTOR]
    sessions = {}
    for name in [INSTRUCTOR, *STUDENTS]:
        s = Session(hub, name)
        s.login(password)
        status = s.server_json("api/status")
        assert "started" in status, status
        sessions[name] = s
    # the wrong password does not get in
    intruder = Session(hub, "agc-full")
    try:
        intruder.login("wrong-" + password)
        refused = False
    except urllib.error.HTTPError as exc:
        refused = exc.code == 403
    assert refused and intruder.cookie("jupyterhub-session-id") is None, list(intruder.jar)

    # every home is private (Debian's useradd makes them 0755; the hub's pre_spawn_hook closes them)
    for entry in users.values():
        assert stat.S_IMODE(os.stat(entry.pw_dir).st_mode) == 0o700, entry.pw_dir

    # -- instructor: the course, released -------------------------------------------------
    course_repo = Path(teacher.pw_dir) / "autograd-course"
    shutil.copytree(ROOT / "grader" / "source", course_repo / "grader" / "source")
    subprocess_chown(course_repo, teacher)
    home = Path(teacher.pw_dir) / ".local" / "share" / COURSE_ID
    grader = [str(ENV_BIN / "python"), "-m", "grader", "--course-dir", str(home),
              "--source", str(course_repo / "grader" / "source")]
    as_user(teacher, [*grader, "release", *LESSONS])
    for slug in LESSONS:
        as_user(teacher, [str(ENV_BIN / "nbgrader"), "release_assignment", slug], cwd=home)
    outbound = exchange / COURSE_ID / "outbound"
    inbound = exchange / COURSE_ID / "inbound"
    assert stat.S_IMODE(inbound.stat().st_mode) & 0o733 == 0o733 and not inbound.stat().st_mode & stat.S_IROTH

    # -- students: the Assignments tab's list, fetch, solve, submit ------------------------
    for name, how in STUDENTS.items():
        entry = users[name]
        listing = sessions[name].server_json(f"assignments?course_id={COURSE_ID}")
        assert released_ids(listing) >= set(LESSONS), listing
        for slug in LESSONS:
            as_user(entry, [str(ENV_BIN / "nbgrader"), "fetch_assignment", slug, "--course", COURSE_ID])
            nb = Path(entry.pw_dir) / slug / f"{slug}.ipynb"
            assert nb.is_file(), nb
            assert "BEGIN HIDDEN TESTS" not in nb.read_text(encoding="utf-8")
            _solve(nb, _answers(slug, how))
            as_user(entry, [str(ENV_BIN / "nbgrader"), "submit", slug, "--course", COURSE_ID])

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

    # -- instructor: collect, grade, feedback, export --------------------------------------
    for slug in LESSONS:
        as_user(teacher, [str(ENV_BIN / "nbgrader"), "collect", slug], cwd=home)
        for name in STUDENTS:
            assert (home / "submitted" / name / slug / f"{slug}.ipynb").is_file(), (name, slug)
    as_user(teacher, [*grader, "autograde", "--no-progress", *LESSONS], timeout=1200)
    as_user(teacher, [*grader, "feedback", *LESSONS])
    for slug in LESSONS:
        as_user(teacher, [str(ENV_BIN / "nbgrader"), "release_feedback", slug], cwd=home)
    as_user(teacher, [*grader, "export", *LESSONS])
    exports = sorted((home / "exports").glob("*.csv"))
    assert exports, list(home.iterdir())
    with open(exports[-1], encoding="utf-8-sig", newline="") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(STUDENTS), rows.keys()
    for name, how in STUDENTS.items():
        for slug in LESSONS:
            for ex, pts in _points(slug).items():
                want = pts if how == "full" or (how == "partly" and ex.startswith("ex1_")) else 0.0
                got = rows[name][f"{slug}/{ex}"]
                assert got != "" and float(got) == want, (name, slug, ex, got, want, rows[name])
        assert rows[name]["sandbox"] == "yes", rows[name]

    # -- students: their own feedback, and only theirs ---------------------------------------
    feedback_root = exchange / COURSE_ID / "feedback"
    for name, how in STUDENTS.items():
        entry = users[name]
        for slug in LESSONS:
            as_user(entry, [str(ENV_BIN / "nbgrader"), "fetch_feedback", slug, "--course", COURSE_ID])
            pages = list((Path(entry.pw_dir) / slug / "feedback").rglob(f"{slug}.html"))
            assert len(pages) == 1, pages
            page = pages[0].read_text(encoding="utf-8")
            # the summary counts the written answer's points in the maximum (not graded yet)
            total = _all_points(slug)
            got = 0.0
            for ex, pts in _points(slug).items():
                want = pts if how == "full" or (how == "partly" and ex.startswith("ex1_")) else 0.0
                got += want
                row = re.compile(rf"<td>{re.escape(ex.removesuffix('_tests'))}</td><td>[^<]*</td>"
                                 rf"<td class='num'>{want:g} / {pts:g}</td>")
                assert row.search(page), (name, slug, ex, want, scores_in(page))
            assert f"{got:g} / {total:g}" in page, (name, slug, got, total, scores_in(page))
    # the feedback folder cannot be listed; a page is found only by its hash (of that student's
    # submission and timestamp), which another student cannot compute
    ok, msg = _denied(s_full, "ls", str(feedback_root))
    assert ok, msg
    for entry_name in ("agc-part", "agc-blank"):
        for slug in LESSONS:
            for f in (Path(users[entry_name].pw_dir) / slug / "feedback").rglob("*.html"):
                ok, msg = _denied(s_full, "cat", str(f))
                assert ok, msg


def subprocess_chown(path, entry):
    """The instructor's copy of the sources belongs to the instructor (a 0700 home)."""
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid)
