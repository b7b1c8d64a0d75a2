"""Hostile students against the bubblewrap sandbox (grader/sandbox.py, docs/sandbox.md).

One small class is graded the way the README says (``python -m grader autograde``,
a subprocess, one worker so that every kernel comes from the same zygote, one
after the other):

* ``a-vandal`` tries to delete and overwrite everything of the course it can
  name (other submissions, the sources, the gradebook, the status database),
  files in the repository, in the real ``$HOME`` and in ``/tmp``; it leaves
  files in its scratch folder, ``/tmp``, ``/dev/shm`` and ``$HOME`` for the next
  kernel, and tries to kill and stop the zygote;
* ``b-thief`` looks for the answer key (``grader/source/``), the gradebook and
  the other submissions through ``sys.path``, its working folder, absolute
  paths, ``/proc/<ppid>/cwd``, ``/proc/1/root``, ``/proc/self/mountinfo``, the
  ``grader`` package and a walk of the whole visible file system, and prints
  what it found;
* ``c-net`` connects to a TCP server this test runs on the loopback address;
* ``d-after`` runs after them in the same zygote and prints what it can see of
  the kernels before it;
* ``z-honest`` answers correctly (with a secret in its notebook).

Each hostile notebook also answers correctly, so every student's score must be
full.  Secrets are planted where a thief would look; none may appear in any
output of any graded notebook.  The last tests fake a machine without
bubblewrap: ``autograde`` refuses, ``--no-sandbox`` grades, ``export`` marks it.
"""
import csv
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import status as st  # noqa: E402
from grader import synthetic  # noqa: E402
from grader.course import Course  # noqa: E402
from grader.sandbox import BWRAP_ENV, Zygote, sandbox_problem  # noqa: E402

A = "toy_grad"
TOKEN = uuid.uuid4().hex[:12]
SECRETS = {
    "source": f"SRC-SECRET-{TOKEN}",            # in the instructor's notebook (so also in gradebook.db)
    "other": f"OTHER-STUDENT-SECRET-{TOKEN}",   # in z-honest's submission
    "home": f"COURSE-HOME-SECRET-{TOKEN}",      # a file in the course folder
    "vandal": f"VANDAL-LEFT-{TOKEN}",           # what the vandal leaves behind for the next kernel
}
# text that is in the repository's own files but never in a student's output
REPO_MARKERS = ("### BEGIN SOLUTION", "def _autograde_locked", "repositoryformatversion")

needs_sandbox = pytest.mark.skipif(sandbox_problem() is not None,
                                   reason=f"no sandbox here: {sandbox_problem()} (make bubblewrap)")


def _run_cli(course, *args, env=None):
    return subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, **(env or {})))


def _answer(nb, grade_id, code):
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            c["source"] = c["source"] + "\n" + code
    return nb


def _submit(course, student, nb):
    folder = course.submission_dir(student, A)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{A}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def _tree_digest(folder, skip=()):
    """{relative path: sha256} of every file under ``folder`` (symlinks by target), minus ``skip``."""
    out = {}
    folder = Path(folder)
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if any(rel == s or rel.startswith(s + "/") for s in skip):
            continue
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            out[rel] = "dir"
    return out


def _source_with_secret():
    nb = synthetic.toy_source_notebook()
    for c in nb["cells"]:      # in a hidden test: never in a student's notebook, but in the gradebook
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex2_mean_tests":
            c["source"] = c["source"].replace("### END HIDDEN TESTS", f"# {SECRETS['source']}\n### END HIDDEN TESTS")
    return nb


VANDAL = r'''
import os, shutil, signal, glob
COURSE = {course!r}; REPO = {repo!r}; REALHOME = {home!r}; TOKEN = {token!r}; LEFT = {left!r}
hits = []
def attempt(what, fn, *a):
    try:
        fn(*a)
        hits.append(what)
    except Exception:
        pass
def overwrite(p):
    with open(p, "w") as f:
        f.write(LEFT)
# the whole course folder: every file overwritten then deleted, every folder removed
for dirpath, dirnames, filenames in os.walk(COURSE):
    for name in filenames:
        p = os.path.join(dirpath, name)
        attempt("overwrite " + p, overwrite, p)
        attempt("delete " + p, os.unlink, p)
attempt("rmtree course", shutil.rmtree, COURSE)
for p in (COURSE + "/gradebook.db", COURSE + "/grader-status.db", COURSE + "/submitted/z-honest/toy_grad/toy_grad.ipynb"):
    attempt("overwrite " + p, overwrite, p)
    attempt("delete " + p, os.unlink, p)
# the repository: only changes that are harmless if they happened (new files, an odd mtime)
for p in [REPO + "/grader/checks.py", REPO + "/grader/autograde.py", REPO + "/grader/__init__.py",
          REPO + "/autograd_core/__init__.py", REPO + "/.git/HEAD"] + glob.glob(REPO + "/grader/source/*/*.ipynb"):
    attempt("utime " + p, os.utime, p, (1000000000, 1000000000))
for d in (REPO, REPO + "/grader", REPO + "/grader/source", REPO + "/autograd_core", REALHOME, "/tmp"):
    attempt("create in " + d, overwrite, os.path.join(d, "vandal-" + TOKEN))
# the package the kernels import is read-only
import grader, autograd_core
for p in (os.path.dirname(grader.__file__), os.path.dirname(autograd_core.__file__)):
    attempt("create in package " + p, overwrite, os.path.join(p, "vandal-" + TOKEN + ".py"))
    attempt("utime package " + p, os.utime, os.path.join(p, "__init__.py"), (1000000000, 1000000000))
# leave things for the next student's kernel
for d in (os.getcwd(), os.path.dirname(os.getcwd()), "/tmp", "/dev/shm", os.path.expanduser("~"),
          os.path.dirname(os.environ.get("MPLCONFIGDIR", "/tmp/x"))):
    try:
        overwrite(os.path.join(d, "left-" + TOKEN))
    except Exception:
        pass
# the zygote is PID 1 of the sandbox: neither SIGKILL nor SIGSTOP reaches it from here
for sig in (signal.SIGSTOP, signal.SIGKILL):
    attempt("signal zygote", os.kill, 1, sig)
print("VANDAL did:", len(hits))
for h in hits:
    print("VANDAL", h)
'''

THIEF = r'''
import os, sys, glob, importlib
COURSE = {course!r}; REPO = {repo!r}; SOURCE = {source!r}
MARKS = [m.replace("~", "") for m in {marks!r}]     # written with a "~" inside, so this code is no hit
found = []
def look(data, where):
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    for m in MARKS:
        if m.encode() in data:
            found.append((m, where))
def read(p):
    try:
        with open(p, "rb") as f:
            data = f.read(5 << 20)
        look(data, p)
        return data
    except Exception:
        return None
def listing(d):
    try:
        return os.listdir(d)
    except Exception:
        return None
# absolute paths, the working folder, sys.path
for p in [COURSE + "/gradebook.db", COURSE + "/grader-status.db", SOURCE + "/toy_grad/toy_grad.ipynb",
          REPO + "/grader/autograde.py", REPO + "/.git/config"] \
        + glob.glob(REPO + "/grader/source/*/*.ipynb") + glob.glob(COURSE + "/submitted/*/*/*.ipynb"):
    if read(p) is not None:
        print("THIEF read", p)
for d in [os.getcwd(), os.path.dirname(os.getcwd()), COURSE, REPO, REPO + "/grader", REPO + "/grader/source"] + sys.path:
    names = listing(d)
    if names:
        for n in names:
            if os.path.isfile(os.path.join(d, n)):
                read(os.path.join(d, n))
        if "source" in names or "gradebook.db" in names or "submitted" in names:
            print("THIEF sees", d, sorted(names))
# the grader package: is grader.source or grader.course importable, does its folder hold more?
import grader
for name in ("grader.source", "grader.course", "grader.autograde"):
    try:
        importlib.import_module(name)
        print("THIEF imported", name)
    except Exception:
        pass
for d in list(grader.__path__):
    print("THIEF grader package holds", sorted(listing(d) or []))
# other processes: the zygote's folder, root, environment
for pid in [os.getppid(), 1] + [int(p) for p in (listing("/proc") or []) if p.isdigit()]:
    for link in ("cwd", "root"):
        names = listing(f"/proc/{{pid}}/{{link}}")
        if names and ("source" in names or "gradebook.db" in names or "work" in names and link == "root"
                      and pid != os.getpid()):
            print("THIEF /proc", pid, link, sorted(names)[:20])
    read(f"/proc/{{pid}}/environ")
    read(f"/proc/{{pid}}/cmdline")
print("THIEF mountinfo:", open("/proc/self/mountinfo").read().count("\n"), "mounts")
# everything it can see, outside the Python installation and the pseudo file systems
skip = {{"/proc", "/sys", "/dev", "/usr", os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}}
seen = 0
for dirpath, dirnames, filenames in os.walk("/"):
    dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) not in skip]
    for name in filenames:
        p = os.path.join(dirpath, name)
        if os.path.isfile(p) and not os.path.islink(p):
            seen += 1
            read(p)
print("THIEF scanned", seen, "files")
for m, where in found:
    print("THIEF FOUND", m, "in", where)
'''

NET = r'''
import socket
PORT = {port}
for host in ("127.0.0.1", "localhost", "::1"):
    try:
        s = socket.create_connection((host, PORT), timeout=3)
        s.sendall(b"hello from the sandbox")
        print("NET CONNECTED", host)
        s.close()
    except Exception as exc:
        print("NET refused", host, type(exc).__name__)
try:
    socket.getaddrinfo("pypi.org", 443)
    print("NET DNS works")
except Exception as exc:
    print("NET no DNS", type(exc).__name__)
'''

AFTER = r'''
import os, glob
LEFT = {left!r}; TOKEN = {token!r}
places = [os.getcwd(), os.path.dirname(os.getcwd()), os.path.dirname(os.path.dirname(os.getcwd())), "/tmp",
          "/dev/shm", os.path.expanduser("~"), os.path.dirname(os.environ.get("MPLCONFIGDIR", "/tmp/x"))]
for d in places:
    for dirpath, dirnames, filenames in os.walk(d):
        for name in filenames:
            p = os.path.join(dirpath, name)
            try:
                with open(p, "rb") as f:
                    if LEFT.encode() in f.read(1 << 20) or "left-" + TOKEN in name:
                        print("AFTER found", p)
            except Exception:
                pass
print("AFTER scratch siblings:", sorted(os.listdir(os.path.dirname(os.getcwd()))))
'''


class LoopbackServer:
    """A TCP server on 127.0.0.1 that records every connection it accepts."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                continue
            self.accepted.append(addr)
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join(5)
        self.sock.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    if sandbox_problem() is not None:
        pytest.skip(f"no sandbox here: {sandbox_problem()}")
    root = tmp_path_factory.mktemp("sandbox")
    source_dir = root / "source"
    (source_dir / A).mkdir(parents=True)
    src = _source_with_secret()
    (source_dir / A / f"{A}.ipynb").write_text(json.dumps(src, ensure_ascii=False, indent=1), encoding="utf-8")
    (source_dir / A / "data.txt").write_text("과제 자료 / course data\n")     # an extra file: belongs in the scratch
    course = Course.open(root / "course home", source=source_dir)
    (course.home / "instructor-notes.txt").write_text(SECRETS["home"])
    good = synthetic.student_notebook(src)
    fmt = dict(course=str(course.home), repo=str(ROOT), home=str(Path.home()), token=TOKEN, left=SECRETS["vandal"],
               source=str(source_dir))
    marks = [m[:3] + "~" + m[3:] for m in list(SECRETS.values()) + list(REPO_MARKERS)]
    server = LoopbackServer()
    students = {
        "a-vandal": VANDAL.format(**fmt),
        "b-thief": THIEF.format(marks=marks, **fmt),
        "c-net": NET.format(port=server.port),
        "d-after": AFTER.format(**fmt),
    }
    for student, code in students.items():
        nb = _answer(json.loads(json.dumps(good)), "ex1_square", code)
        _submit(course, student, nb)
    honest = json.loads(json.dumps(good))
    honest["cells"].append(synthetic._cell("markdown", f"제 메모: {SECRETS['other']}"))
    _submit(course, "z-honest", honest)
    # a canary file in the repository's grader/ folder (not a module: never bound into the sandbox)
    canary = ROOT / "grader" / f".sandbox-canary-{TOKEN}"
    canary.write_text("canary\n")
    repo_grader_before = _tree_digest(ROOT / "grader")
    before = {"source": _tree_digest(source_dir),
              "home": _tree_digest(course.home, skip=("autograded", "gradebook.db", "grader-status.db",
                                                      "grader-status.db-wal", "grader-status.db-shm",
                                                      ".grader.lock")),
              "gradebook": course.db_path.read_bytes() if course.db_path.exists() else b""}
    try:
        proc = _run_cli(course, "autograde", "-j", "1", "--no-progress", "--cell-timeout", "120")
    finally:
        server.close()
        canary_after = canary.read_text() if canary.exists() else None
        canary.unlink(missing_ok=True)
    graded = {s: json.loads(course.autograded_path(s, A, A).read_text(encoding="utf-8"))
              for s in list(students) + ["z-honest"] if course.autograded_path(s, A, A).exists()}
    outputs = {s: "\n".join(json.dumps(c.get("outputs", []), ensure_ascii=False) for c in nb["cells"])
               for s, nb in graded.items()}
    with st.StatusDB(course.status_db) as db:
        rows = {r["student"]: r for r in db.all()}
    return {"course": course, "proc": proc, "rows": rows, "graded": graded, "outputs": outputs, "before": before,
            "source_dir": source_dir, "server": server, "canary": canary_after,
            "repo_grader_before": repo_grader_before, "root": root}


def _scores(course, student):
    with course.gradebook() as gb:
        sub = gb.find_submission_notebook(A, A, student)
        return {g.name: g.auto_score for g in sub.grades}


FULL = {"ex1_square_tests": 2.0, "ex2_mean_tests": 3.0}


def _text(hostile, student):
    return hostile["outputs"][student]


@needs_sandbox
def test_every_student_is_graded_in_full(hostile):
    assert hostile["proc"].returncode == 0, hostile["proc"].stdout + hostile["proc"].stderr
    course = hostile["course"]
    for student in ("a-vandal", "b-thief", "c-net", "d-after", "z-honest"):
        scores = _scores(course, student)
        assert {k: scores[k] for k in FULL} == FULL, (student, scores, hostile["rows"][student]["issues"])
        assert hostile["rows"][student]["status"] == st.GRADED, (student, hostile["rows"][student]["issues"])
        assert st.UNSANDBOXED not in hostile["rows"][student]["reasons"]


@needs_sandbox
def test_vandal_changes_nothing_outside_its_scratch(hostile):
    out = _text(hostile, "a-vandal")
    assert "VANDAL did:" in out                       # the attack really ran
    course, before = hostile["course"], hostile["before"]
    assert _tree_digest(hostile["source_dir"]) == before["source"]
    after_home = _tree_digest(course.home, skip=("autograded", "gradebook.db", "grader-status.db",
                                                 "grader-status.db-wal", "grader-status.db-shm",
                                                 ".grader.lock"))
    assert after_home == before["home"]
    # the gradebook: intact, and nothing the vandal wrote is in it
    data = course.db_path.read_bytes()
    assert SECRETS["vandal"].encode() not in data
    with sqlite3.connect(course.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the other students' graded notebooks hold nothing the vandal wrote
    for student, text in hostile["outputs"].items():
        if student != "a-vandal":
            assert SECRETS["vandal"] not in text, student
    # what it could do, it did only inside the sandbox: no line names a path outside of it
    for line in out.splitlines():
        if line.startswith("VANDAL ") and not line.startswith("VANDAL did"):
            assert not any(p in line for p in (str(course.home), str(ROOT), str(Path.home()))), line


@needs_sandbox
def test_vandal_leaves_the_repository_home_and_tmp_alone(hostile):
    assert hostile["canary"] == "canary\n"
    for folder in (ROOT, ROOT / "grader", ROOT / "grader" / "source", ROOT / "autograd_core", Path.home(), Path("/tmp")):
        assert not (folder / f"vandal-{TOKEN}").exists(), folder
    # no file of grader/ got the vandal's mtime, and none appeared or vanished through it
    after = _tree_digest(ROOT / "grader")
    assert not [p for p in after if TOKEN in p and "canary" not in p]
    for p in list((ROOT / "grader").rglob("*")) + list((ROOT / "autograd_core").rglob("*.py")) + [ROOT / ".git" / "HEAD"]:
        if p.exists() and not p.is_symlink():
            assert int(p.stat().st_mtime) != 1000000000, p
    gone = set(hostile["repo_grader_before"]) - set(after) - {f".sandbox-canary-{TOKEN}"}
    assert not gone, gone


@needs_sandbox
def test_next_kernel_finds_nothing_of_the_vandal(hostile):
    out = _text(hostile, "d-after")
    assert "AFTER scratch siblings:" in out
    assert "AFTER found" not in out, out
    # its scratch folder is alone: the vandal's (and every earlier one) was deleted
    line = next(x for x in out.split("\\n") if "AFTER scratch siblings" in x)
    assert line.count("'s-") == 1, line


@needs_sandbox
def test_thief_reads_nothing_of_the_answer_key_or_the_gradebook(hostile):
    course = hostile["course"]
    # the secrets really are where the thief looked
    assert SECRETS["source"].encode() in (hostile["source_dir"] / A / f"{A}.ipynb").read_bytes()
    assert SECRETS["source"].encode() in course.db_path.read_bytes()
    assert SECRETS["other"].encode() in course.submission_dir("z-honest", A).joinpath(f"{A}.ipynb").read_bytes()
    assert any(REPO_MARKERS[0] in p.read_text(encoding="utf-8") for p in (ROOT / "grader" / "source").glob("*/*.ipynb"))
    out = _text(hostile, "b-thief")
    assert "THIEF scanned" in out and "THIEF mountinfo" in out        # it ran to the end
    assert int(out.split("THIEF scanned ")[1].split()[0]) > 10       # and did look around
    for secret in list(SECRETS.values()) + list(REPO_MARKERS):
        for student, text in hostile["outputs"].items():
            assert secret not in text, (student, secret)
    for what in ("THIEF read", "THIEF sees", "THIEF imported", "THIEF /proc", "THIEF FOUND"):
        assert what not in out, out[:3000]
    # the grader package inside holds the modules kernels need, never source/
    holds = [x for x in out.split("\\n") if "THIEF grader package holds" in x]
    assert holds and "source" not in holds[0] and "autograde.py" not in holds[0] and "checks.py" in holds[0], holds


@needs_sandbox
def test_no_network(hostile):
    out = _text(hostile, "c-net")
    assert "NET refused 127.0.0.1" in out
    assert "NET CONNECTED" not in out and "NET DNS works" not in out
    assert hostile["server"].accepted == []
    # the server itself was reachable from outside the sandbox (so the test could fail)
    s = LoopbackServer()
    try:
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
        deadline = time.monotonic() + 10
        while not s.accepted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert s.accepted
    finally:
        s.close()


@needs_sandbox
def test_extra_files_are_in_the_scratch_not_the_results(hostile):
    """The course's extra files are next to the notebook in the kernel's folder (a scratch copy)."""
    course = hostile["course"]
    assert (course.autograded_dir / "z-honest" / A / "data.txt").is_file()      # nbgrader's layout, as before
    for student in hostile["graded"]:
        assert not list((course.autograded_dir / student / A).glob("left-*")), student


@needs_sandbox
def test_scratch_is_private_and_removed(tmp_path):
    """Unit level: a kernel's scratch folder is deleted after it, and the next kernel cannot see it."""
    z = Zygote(sandbox=True, preload_modules=["numpy"])
    try:
        first = z.new_scratch()
        k = z.spawn()
        k.connect()
        out = _execute(k, first, f"os.chdir({str(first)!r}); open('mine.txt', 'w').write({SECRETS['vandal']!r}); "
                                 f"open('/tmp/left.txt', 'w').write('x'); report(sorted(os.listdir('.')))")
        assert "mine.txt" in out
        assert (first / "mine.txt").read_text() == SECRETS["vandal"]      # the same folder, seen from outside
        k.kill()
        z.drop_scratch(first)
        assert not first.exists()
        second = z.new_scratch()
        k2 = z.spawn()
        k2.connect()
        out = _execute(k2, second, f"report(sorted(os.listdir({str(second.parent)!r})), os.path.exists({str(first)!r}), "
                                   f"sorted(os.listdir('/tmp')), os.listdir(os.path.dirname({k2.log!r})))")
        assert repr([second.name]) in out and "False" in out
        assert "left.txt" not in out and first.name not in out and Path(k.log).name not in out
        k2.kill()
        z.drop_scratch(second)
    finally:
        z.close()
    assert not z.workdir.exists()


def _execute(kernel, scratch, code):
    """Run ``code`` (``report(...)`` writes its arguments to a file in ``scratch``); returns what it wrote.

    The answer comes back through the file and the shell reply, not iopub: a SUB socket that
    joined late may miss the first messages on a busy machine."""
    name = "report-" + uuid.uuid4().hex[:8] + ".txt"
    prelude = (f"import os\ndef report(*a, _p={str(scratch / name)!r}):\n"
               f"    open(_p, 'a').write(' '.join(map(str, a)) + '\\n')\n")
    msg_id = kernel.client.execute(prelude + code)
    while True:
        reply = kernel.client.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    assert reply["content"]["status"] == "ok", reply["content"]
    return (scratch / name).read_text()


# -- without a sandbox ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("nosandbox")
    synthetic.write_toy_source(root / "source", A)
    course = Course.open(root / "home", source=root / "source")
    src = synthetic.toy_source_notebook()
    synthetic.write_submission(course.submission_dir("김철수", A), A, src, "correct")
    synthetic.write_submission(course.submission_dir("student 02", A), A, src, "blank")
    return course


MISSING = {BWRAP_ENV: "/nonexistent/bwrap"}


def test_refuses_without_bubblewrap(plain_course):
    proc = _run_cli(plain_course, "autograde", "-j", "1", "--no-progress", env=MISSING)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    err = proc.stderr
    assert "--no-sandbox" in err and "bubblewrap" in err and "/nonexistent/bwrap" in err
    assert "샌드박스" in err and "sandbox" in err
    assert not plain_course.autograded_path("김철수", A, A).exists()
    with st.StatusDB(plain_course.status_db) as db:
        assert db.all() == []


def test_no_sandbox_flag_grades_and_export_marks_it(plain_course, tmp_path):
    proc = _run_cli(plain_course, "autograde", "-j", "1", "--no-progress", "--no-sandbox", env=MISSING)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "--no-sandbox" in proc.stderr
    with st.StatusDB(plain_course.status_db) as db:
        rows = {r["student"]: r for r in db.all()}
    assert rows["김철수"]["status"] == st.GRADED and st.UNSANDBOXED in rows["김철수"]["reasons"]
    assert st.UNSANDBOXED in rows["student 02"]["reasons"]
    out = tmp_path / "grades.csv"
    proc = _run_cli(plain_course, "export", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        table = {r["student_id"]: r for r in csv.DictReader(f)}
    for student in ("김철수", "student 02"):
        assert table[student]["sandbox"] == "no"
        assert "graded without the sandbox" in table[student]["reasons"]
    assert table["김철수"]["total"] == "5"


@needs_sandbox
def test_export_says_sandboxed(hostile, tmp_path):
    out = tmp_path / "grades.csv"
    proc = _run_cli(hostile["course"], "export", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        table = {r["student_id"]: r for r in csv.DictReader(f)}
    assert {s: table[s]["sandbox"] for s in table} == {s: "yes" for s in table}
    assert all("sandbox" not in table[s]["reasons"] for s in table)


def test_python_under_tmp_stays_visible(tmp_path):
    """bwrap mounts in order: an empty /tmp mounted after the Python installation would hide a
    venv that lives under /tmp (a CI checkout there), and every kernel would fail to start."""
    from grader import sandbox

    argv = sandbox.bwrap_argv(tmp_path)
    tmpfs = next(i for i in range(len(argv) - 1) if argv[i] == "--tmpfs" and argv[i + 1] == "/tmp")
    for root in sandbox._python_roots():
        binds = [i for i in range(len(argv) - 2) if argv[i] == "--ro-bind" and argv[i + 2] == root]
        assert binds and all(i > tmpfs for i in binds), f"{root} is bound before the empty /tmp hides it"
    io_bind = argv.index(str(tmp_path / "io"))
    assert io_bind > tmpfs
