"""``python -m grader autograde``: parallel, resumable, limited autograding on nbgrader's gradebook.

Pipeline::

    coordinator (this process)                 worker 1..N (spawned processes)
    ─────────────────────────                  ───────────────────────────────
    course lock (one run at a time)            zygote with numpy, engine, IPython
    register assignments in the gradebook      for each student it takes:
    specs (cells, exercises) from gradebook      restore cells (grader.sanitize)
    plan: skip notebooks already graded          run in a forked kernel (grader.execute)
    queue of students ──────────────────────►    write autograded/<s>/<a>/<nb>.ipynb
    gradebook + status DB  ◄── results ──────    result: scores, issues, status
    progress bar with ETA

* Each student is taken by exactly one worker (the queue holds whole students),
  so two workers never touch the same folder.
* Only the coordinator writes to the gradebook, one notebook per transaction,
  then records the status row; a run killed at any point leaves the gradebook
  consistent and the next run re-grades what has no status row.
* A second run on the same course waits for nothing: it stops with a message
  (the course lock), so two runs cannot delete each other's output.
"""
import hashlib
import json
import multiprocessing
import warnings
import os
import queue
import shutil
import signal
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from . import status as st
from .course import COURSE_ID, CourseError, atomic_write_bytes, ensure_tools_on_path
from .execute import Limits, cell_score
from .exercises import NotebookSpec, nbgrader_meta, spec_from_gradebook

IGNORE = (".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*", "timestamp.txt")


@dataclass
class Options:
    assignments: list = None          # default: every assignment with submissions
    students: list = None             # default: every student folder
    workers: int = 0                  # 0: os.cpu_count()
    force: bool = False               # re-grade even if already graded
    retry_failed: bool = False        # re-grade notebooks that could not be graded
    limits: Limits = field(default_factory=Limits)
    integrity: bool = True
    sandbox: bool = True              # False: --no-sandbox, the instructor accepts the risk (docs/sandbox.md)
    progress: bool = True
    stream: object = None             # where progress and messages go (default stderr)


@dataclass
class NotebookTask:
    assignment: str
    notebook: str
    path: str = None                  # the submitted file (None: missing)
    renamed_from: str = None          # the file's real name when it was renamed
    found: list = field(default_factory=list)     # other notebooks in the folder (for the message)
    submission_hash: str = None
    spec_hash: str = None


@dataclass
class StudentTask:
    student: str
    items: list


# =========================================================================================
# planning
# =========================================================================================

def spec_hash(spec):
    return hashlib.sha256(json.dumps(spec.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


def file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_specs(course, assignments):
    """``{assignment: {notebook: NotebookSpec}}`` from the gradebook."""
    specs = {}
    with course.gradebook() as gb:
        for a in assignments:
            row = gb.find_assignment(a)
            specs[a] = {}
            for nb in sorted(n.name for n in row.notebooks):
                src = course.source_dir / a / f"{nb}.ipynb"
                specs[a][nb] = spec_from_gradebook(gb, a, nb, src)
    return specs


def _notebook_files(folder):
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def _mentions(path, grade_ids):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(f'"{g}"' in text for g in grade_ids)


def resolve_submission(folder, notebook, assignment_notebooks, spec):
    """``(path, renamed_from, found)`` for ``notebook`` in a student's assignment folder."""
    folder = Path(folder)
    exact = folder / f"{notebook}.ipynb"
    if exact.is_file():
        return exact, None, []
    files = _notebook_files(folder) if folder.is_dir() else []
    others = [p for p in files if p.stem not in assignment_notebooks]
    ids = [c.grade_id for c in spec.cells]
    candidates = [p for p in others if _mentions(p, ids)]
    if len(candidates) == 1:
        return candidates[0], candidates[0].name, [p.name for p in files]
    if not candidates and len(others) == 1 and len(assignment_notebooks) == 1:
        return others[0], others[0].name, [p.name for p in files]
    return None, None, [p.name for p in files]


def plan(course, specs, opts, statusdb):
    students = opts.students or course.students()
    tasks, skipped = [], 0
    for student in students:
        items = []
        for a, nbs in specs.items():
            folder = course.submission_dir(student, a)
            if not folder.is_dir():
                continue
            for nb, spec in nbs.items():
                path, renamed, found = resolve_submission(folder, nb, set(nbs), spec)
                t = NotebookTask(a, nb, str(path) if path else None, renamed, found,
                                 file_hash(path) if path else "missing", spec_hash(spec))
                old = statusdb.get(student, a, nb)
                if old is None or old["submission_hash"] != t.submission_hash or old["spec_hash"] != t.spec_hash:
                    todo = True                                   # new, changed, or the tests changed
                elif opts.retry_failed and old["status"] in (st.NOT_GRADED, st.INCOMPLETE):
                    todo = True
                elif old["status"] != st.NOT_GRADED and not course.autograded_path(student, a, nb).exists():
                    todo = True                                   # its graded notebook was deleted
                else:
                    todo = opts.force
                if not todo:
                    skipped += 1
                    continue
                items.append(t)
        if items:
            tasks.append(StudentTask(student, items))
    tasks.sort(key=lambda t: -len(t.items))      # big students first: better balance at the end
    return tasks, skipped


# =========================================================================================
# worker side
# =========================================================================================

def _copy_extra_files(course_paths, student, assignment, dest=None):
    """Like nbgrader: the submission's other files, then the source's (which win).

    ``dest``: where to (default the autograded folder; a kernel's scratch folder too)."""
    src_sub = Path(course_paths["submitted"]) / student / assignment
    dest = Path(dest) if dest is not None else Path(course_paths["autograded"]) / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    for base in (src_sub, Path(course_paths["source"]) / assignment):
        if not base.is_dir():
            continue
        for p in base.rglob("*"):
            rel = p.relative_to(base)
            if any(fnmatch(part, pat) for part in rel.parts for pat in IGNORE) or p.suffix == ".ipynb":
                continue
            if p.is_symlink() or not p.is_file():
                continue
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
    ts = src_sub / "timestamp.txt"
    if ts.is_file():
        shutil.copyfile(ts, dest / "timestamp.txt")
    return dest


def grade_notebook(task, spec, student, course_paths, runner, check_integrity=True):
    """Grade one submitted notebook; returns the result dict (never raises for student problems)."""
    from . import sanitize
    from .execute import Issue

    started = time.monotonic()
    res = {"student": student, "assignment": task.assignment, "notebook": task.notebook,
           "submission_hash": task.submission_hash, "spec_hash": task.spec_hash,
           "issues": [], "cells": {}, "comments": {}, "exercises": {}}
    out_path = Path(course_paths["autograded"]) / student / task.assignment / f"{task.notebook}.ipynb"

    def ungradeable(code, ko, en):
        res["issues"].append(Issue(code, ko, en).to_dict())
        for c in spec.cells:
            if c.grade:
                res["cells"][c.grade_id] = {"score": 0.0, "max": float(c.points or 0), "needs_manual": False,
                                            "graded": False}
        for ex in spec.exercises:
            res["exercises"][ex.id] = {"score": None, "max": ex.points, "graded": False, "flags": [code],
                                       "manual": ex.manual}
        res["status"], res["reasons"] = st.summarize(res["issues"], True, True)
        res["seconds"] = time.monotonic() - started
        if out_path.exists():
            out_path.unlink()
        return res

    if task.path is None:
        hint = f" (찾은 파일 / found: {', '.join(task.found)})" if task.found else ""
        return ungradeable("missing_notebook", f"{task.notebook}.ipynb 파일이 없습니다{hint}",
                           f"{task.notebook}.ipynb was not submitted{hint}")
    try:
        nb = sanitize.load(task.path)
    except sanitize.InvalidNotebook as exc:
        return ungradeable("invalid_notebook", f"노트북 파일을 읽을 수 없습니다: {exc}",
                           f"the notebook file cannot be read: {exc}")
    nb, issues = sanitize.restore(nb, spec)
    res["issues"] += [i.to_dict() for i in issues]
    if task.renamed_from:
        res["issues"].append(Issue("renamed_notebook",
                                   f"노트북 이름이 {task.renamed_from}(으)로 바뀌어 있어 {task.notebook}.ipynb로 채점했습니다",
                                   f"the notebook was renamed to {task.renamed_from}; graded as "
                                   f"{task.notebook}.ipynb").to_dict())
    out_path.parent.mkdir(parents=True, exist_ok=True)
    zygote = runner.zygote
    if getattr(zygote, "sandboxed", False):
        # the kernel works in a private copy of its folder, inside the sandbox, deleted afterwards
        cwd = zygote.new_scratch()
        try:
            _copy_extra_files(course_paths, student, task.assignment, dest=cwd)
            run = runner.run(nb, spec, cwd, check_integrity=check_integrity)
        finally:
            zygote.drop_scratch(cwd)
    else:
        res["issues"].append(Issue(st.UNSANDBOXED, "샌드박스 없이 채점했습니다 (--no-sandbox)",
                                   "graded without the sandbox (--no-sandbox)").to_dict())
        run = runner.run(nb, spec, out_path.parent, check_integrity=check_integrity)
    res["issues"] += [i.to_dict() for i in run.issues]
    nb = run.nb

    not_run = set(run.not_executed)
    by_id = {}
    for idx, cell in enumerate(nb["cells"]):
        gid = nbgrader_meta(cell).get("grade_id")
        if gid:
            by_id[gid] = (idx, cell)
    for c in spec.cells:
        idx, cell = by_id.get(c.grade_id, (None, None))
        if c.grade:
            if cell is None:
                res["cells"][c.grade_id] = {"score": 0.0, "max": float(c.points or 0), "needs_manual": True,
                                            "graded": False}
                continue
            if c.is_test and idx in not_run:
                res["cells"][c.grade_id] = {"score": 0.0, "max": float(c.points or 0), "needs_manual": True,
                                            "graded": False}
                continue
            score, max_score = _score(cell)
            res["cells"][c.grade_id] = {"score": score, "max": max_score,
                                        "needs_manual": score is None, "graded": score is not None}
        if (c.solution or c.task) and cell is not None:
            res["comments"][c.grade_id] = "No response." if _unchanged(cell) and not c.task else None

    exercises_not_graded = False
    for ex in spec.exercises:
        cells = [res["cells"].get(g) for g in (ex.tests if not ex.manual else [ex.id])]
        graded = all(x and x["graded"] for x in cells)
        score = sum(x["score"] for x in cells) if graded else None
        flags = [f[0] for f in run.exercise_flags.get(ex.id, [])]
        if not ex.manual and not graded:
            exercises_not_graded = True
        res["exercises"][ex.id] = {"score": score, "max": ex.points, "graded": graded, "flags": flags,
                                   "manual": ex.manual}
    res["status"], res["reasons"] = st.summarize(res["issues"], exercises_not_graded, False)
    res["seconds"] = time.monotonic() - started
    res["kernels"] = run.kernels
    data = (json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    atomic_write_bytes(out_path, data)
    return res


def _score(cell):
    from nbformat import from_dict
    from nbgrader.utils import determine_grade

    if cell.get("cell_type") == "code" and not nbgrader_meta(cell).get("solution"):
        return cell_score(cell)
    return determine_grade(from_dict(cell))


def _unchanged(cell):
    from nbformat import from_dict
    from nbgrader.utils import compute_checksum

    meta = nbgrader_meta(cell)
    try:
        return meta.get("checksum") == compute_checksum(from_dict(cell))
    except Exception:  # noqa: BLE001
        return False


def worker_main(wid, conf, task_q, result_q, course_paths, limits_dict, check_integrity, preload, sandbox=True):
    """A grading worker: takes whole students from ``task_q`` until it gets ``None``.

    It starts its zygote at once, while the coordinator opens the gradebook and
    plans; the specs arrive on ``conf`` (``None``: nothing to do).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)           # Ctrl-C is the coordinator's
    from .sandbox import PR_SET_PDEATHSIG, _prctl
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)                # the coordinator was killed: stop too
    if os.getppid() == 1:
        return

    def on_term(signum, frame):
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, on_term)
    from .execute import NotebookRunner
    from .sandbox import Zygote

    limits = Limits(**limits_dict)
    protect = [course_paths["home"], course_paths["source"]] if "home" in course_paths else [course_paths["source"]]

    def new_zygote(wait=True):
        return Zygote(memory_limit=limits.memory, output_bytes=limits.output_bytes, preload_modules=preload,
                      wait=wait, sandbox=sandbox, protect=protect)

    zygote = None
    try:
        zygote = new_zygote(wait=False)
        import nbformat.v4  # noqa: F401 - slow imports, done while the zygote starts
        import nbgrader.utils  # noqa: F401
        from . import sanitize  # noqa: F401
        specs_dict = conf.recv()
        conf.close()
        if specs_dict is None:
            return
        specs = {a: {n: NotebookSpec.from_dict(s) for n, s in nbs.items()} for a, nbs in specs_dict.items()}
        zygote.wait_ready()
        runner = NotebookRunner(zygote, limits)
        result_q.put(("ready", wid, None))
        while True:
            task = task_q.get()
            if task is None:
                break
            result_q.put(("student", wid, task.student))
            copied = set()
            for item in task.items:
                try:
                    if item.assignment not in copied:
                        _copy_extra_files(course_paths, task.student, item.assignment)
                        copied.add(item.assignment)
                    res = grade_notebook(item, specs[item.assignment][item.notebook], task.student,
                                         course_paths, runner, check_integrity)
                except Exception as exc:  # noqa: BLE001 - a grader bug must not stop the batch
                    res = {"student": task.student, "assignment": item.assignment, "notebook": item.notebook,
                           "error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
                    try:          # a broken zygote is replaced
                        zygote.request("ping", timeout=10)
                    except Exception:  # noqa: BLE001
                        zygote.close()
                        zygote = new_zygote()
                        runner = NotebookRunner(zygote, limits)
                result_q.put(("result", wid, res))
                if zygote.proc.poll() is not None:           # the zygote itself died: start a new one
                    zygote.close()
                    zygote = new_zygote()
                    runner = NotebookRunner(zygote, limits)
            result_q.put(("done", wid, task.student))
    except (SystemExit, EOFError):
        pass
    except BaseException as exc:  # noqa: BLE001
        result_q.put(("fatal", wid, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    finally:
        if zygote is not None:
            zygote.close()


# =========================================================================================
# coordinator side
# =========================================================================================

def save_result(gb, res, course):
    """Write one notebook's grades into nbgrader's gradebook (one transaction)."""
    from nbgrader.utils import parse_utc

    with warnings.catch_warnings():
        # nbgrader's update_or_create_submission makes SQLAlchemy warn about autoflush; harmless
        warnings.simplefilter("ignore")
        _save_result(gb, res, course)


def _save_result(gb, res, course):
    from nbgrader.utils import parse_utc

    student, a, nb = res["student"], res["assignment"], res["notebook"]
    gb.update_or_create_student(student)
    ts_file = course.submission_dir(student, a) / "timestamp.txt"
    kwargs = {}
    if ts_file.is_file():
        try:
            kwargs["timestamp"] = parse_utc(ts_file.read_text().strip())
        except Exception:  # noqa: BLE001 - a bad timestamp is not worth failing over
            pass
    gb.update_or_create_submission(a, student, **kwargs)
    try:
        for gid, info in res["cells"].items():
            grade = gb.find_grade(gid, nb, a, student)
            grade.auto_score = info["score"]
            grade.needs_manual_grade = bool(info["needs_manual"]) or grade.manual_score is not None \
                or info["score"] is None
        for gid, text in res["comments"].items():
            try:
                comment = gb.find_comment(gid, nb, a, student)
            except Exception:  # noqa: BLE001 - task/solution cells without a comment row
                continue
            comment.auto_comment = text
        gb.db.commit()
    except BaseException:
        gb.db.rollback()
        raise


def refusal(problem):
    """The message ``autograde`` stops with when kernels cannot be sandboxed (``problem``: ko, en)."""
    ko, en = problem
    return (f"채점을 시작하지 않았습니다: 채점 커널을 샌드박스에 넣을 수 없습니다 - {ko}.\n"
            "샌드박스가 없으면 학생 코드가 grader/source/의 정답과 숨겨진 테스트, gradebook, 다른 학생의 "
            "제출물을 읽고 바꿀 수 있습니다.\n"
            "bubblewrap을 설치하세요: make bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap). "
            "자세한 내용: docs/sandbox.md\n"
            "위험을 감수하고 샌드박스 없이 채점하려면 --no-sandbox를 붙이세요 (export가 그렇게 채점한 노트북을 "
            "표시합니다).\n"
            f"Grading did not start: the grading kernels cannot be sandboxed - {en}.\n"
            "Without the sandbox, student code can read and change the answer key and hidden tests in "
            "grader/source/, the gradebook and other students' submissions.\n"
            "Install bubblewrap: make bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap); see "
            "docs/sandbox.md.\n"
            "To accept the risk and grade without the sandbox, add --no-sandbox (the export marks every "
            "notebook graded that way).")


def autograde(course, opts):
    """Grade; returns a summary dict.  Raises :class:`CourseError` for problems the instructor fixes,
    among them kernels that cannot be sandboxed here (unless ``opts.sandbox`` is False)."""
    stream = opts.stream or sys.stderr
    if opts.sandbox:
        from .sandbox import sandbox_problem

        problem = sandbox_problem()
        if problem is not None:
            raise CourseError(refusal(problem))
    else:
        _say(stream, "경고: 샌드박스 없이 채점합니다 (--no-sandbox) / warning: grading WITHOUT the sandbox "
                     "(--no-sandbox): student code runs with your rights")
    ensure_tools_on_path()
    with course.lock("autograde"):
        return _autograde_locked(course, opts, stream)


def _say(stream, text):
    stream.write(text + "\n")
    stream.flush()


def _autograde_locked(course, opts, stream):
    from .status import StatusDB

    available = course.assignments()
    wanted = opts.assignments or [a for a in available
                                  if any(course.submission_dir(s, a).is_dir() for s in course.students())]
    unknown = [a for a in wanted if a not in available]
    if unknown:
        raise CourseError(f"소스에 없는 과제입니다 / unknown assignment(s): {', '.join(unknown)} "
                          f"(있는 과제 / available: {', '.join(available) or '-'})")
    if not wanted:
        _say(stream, "채점할 제출물이 없습니다 / nothing submitted yet (run `python -m grader collect` first)")
        return {"graded": 0, "skipped": 0, "failed": 0, "results": []}
    candidates = [st_ for st_ in (opts.students or course.students())
                  if any(course.submission_dir(st_, a).is_dir() for a in wanted)]
    workers = max(1, min(opts.workers or os.cpu_count() or 1, len(candidates) or 1))
    course_paths = {"submitted": str(course.submitted_dir), "autograded": str(course.autograded_dir),
                    "source": str(course.source_dir), "home": str(course.home)}
    ctx = multiprocessing.get_context("spawn")
    task_q, result_q = ctx.Queue(), ctx.Queue()
    procs, confs = {}, {}

    def start_workers(n):
        preload = _preload(course, wanted)
        for w in range(n):
            parent_end, child_end = ctx.Pipe()
            p = ctx.Process(target=worker_main, name=f"grader-worker-{w}",
                            args=(w, child_end, task_q, result_q, course_paths, asdict(opts.limits),
                                  opts.integrity, preload, opts.sandbox), daemon=True)
            p.start()
            child_end.close()
            procs[w], confs[w] = p, parent_end

    # When there is probably work, the workers (and their zygotes) start now, while this
    # process imports nbgrader, opens the gradebook and plans.
    if _likely_work(course, wanted, candidates, opts):
        start_workers(workers)
    try:
        new = course.register(wanted)
        if new:
            _say(stream, f"gradebook: 과제 등록 / registered {', '.join(new)}")
        specs = load_specs(course, wanted)
        statusdb = StatusDB(course.status_db)
        tasks, skipped = plan(course, specs, opts, statusdb)
    except BaseException:
        _release_workers(confs, procs, None)
        raise
    total = sum(len(t.items) for t in tasks)
    if skipped:
        _say(stream, f"이미 채점된 노트북 {skipped}개는 건너뜁니다 (--force로 다시 채점) / "
                     f"skipping {skipped} notebook(s) already graded (use --force to re-grade)")
    summary = {"graded": 0, "skipped": skipped, "failed": 0, "results": [], "workers": 0, "seconds": 0.0}
    if not tasks:
        statusdb.close()
        _release_workers(confs, procs, None)
        return summary
    summary["workers"] = min(workers, len(tasks))
    if not procs:
        workers = summary["workers"]
        start_workers(workers)
    for t in tasks:
        task_q.put(t)
    for w in range(workers):
        task_q.put(None)
    specs_dict = {a: {n: s.to_dict() for n, s in nbs.items()} for a, nbs in specs.items()}
    _release_workers(confs, procs, specs_dict)

    progress = Progress(total, stream=stream, enabled=opts.progress)
    progress.draw(force=True)
    started = time.monotonic()
    outstanding = {(t.student, i.assignment, i.notebook) for t in tasks for i in t.items}
    gb = course.gradebook()

    def handle(kind, wid, payload):
        if kind == "result":
            key = (payload["student"], payload["assignment"], payload["notebook"])
            outstanding.discard(key)
            if "error" in payload:
                summary["failed"] += 1
                progress.update(problem=True)
                _say(stream, f"\n채점기 오류 / grader error: {'/'.join(key)}: {payload['error']}")
                summary["results"].append({"student": key[0], "assignment": key[1], "notebook": key[2],
                                           "status": st.NOT_GRADED, "reasons": ["grader_error"]})
                return
            save_result(gb, payload, course)
            statusdb.put(payload)
            summary["graded"] += 1
            summary["results"].append(dict({k: payload[k] for k in ("student", "assignment", "notebook",
                                                                    "status", "reasons", "seconds")}, worker=wid))
            progress.update(problem=payload["status"] != st.GRADED)
        elif kind == "fatal":
            _say(stream, f"\n작업자 {wid} 오류 / worker {wid} failed: {payload}")

    try:
        while any(p.is_alive() for p in procs.values()) and outstanding:
            try:
                handle(*result_q.get(timeout=0.5))
            except queue.Empty:
                continue
        while True:                      # results a finishing worker left in the pipe
            try:
                handle(*result_q.get(timeout=0.2))
            except queue.Empty:
                break
    except KeyboardInterrupt:
        progress.close()
        _stop_workers(procs, grace=0.0)
        _say(stream, "\n중단했습니다. 다시 실행하면 남은 노트북부터 이어서 채점합니다 / "
                     "interrupted: run again to resume where this run stopped")
        raise
    finally:
        gb.close()
        statusdb.close()
        _stop_workers(procs)
        for q in (task_q, result_q):
            q.cancel_join_thread()
            q.close()
    if outstanding:
        _say(stream, f"\n채점하지 못한 노트북 {len(outstanding)}개: 다시 실행하면 이어서 채점합니다 / "
                     f"{len(outstanding)} notebook(s) were not graded (a worker stopped); run again to resume")
    for key in sorted(outstanding):
        summary["failed"] += 1
        progress.update(problem=True)
        summary["results"].append({"student": key[0], "assignment": key[1], "notebook": key[2],
                                   "status": st.NOT_GRADED, "reasons": ["grader_error"]})
    progress.close()
    summary["seconds"] = time.monotonic() - started
    return summary


def _likely_work(course, assignments, students, opts):
    """A cheap guess, before nbgrader is even imported: is some notebook not graded yet?"""
    from .status import StatusDB

    if opts.force or opts.retry_failed or not course.status_db.exists():
        return True
    with StatusDB(course.status_db) as db:
        done = {(r["student"], r["assignment"], r["notebook"]): r["submission_hash"] for r in db.all()}
    for student in students:
        for a in assignments:
            folder = course.submission_dir(student, a)
            if not folder.is_dir():
                continue
            for nb in course.source_notebooks(a):
                path = folder / f"{nb}.ipynb"
                if done.get((student, a, nb)) != (file_hash(path) if path.is_file() else "missing"):
                    return True
    return False


def _preload(course, assignments):
    """Modules the notebooks import in their set-up cells, for the zygote (read from the sources)."""
    from .exercises import setup_imports

    mods = set()
    for a in assignments:
        for nb in course.source_notebooks(a):
            try:
                with open(course.source_dir / a / f"{nb}.ipynb", encoding="utf-8") as f:
                    cells = json.load(f).get("cells", [])
            except (OSError, ValueError):
                continue
            for target in setup_imports(cells).values():
                # grader.observe.GradFlow -> grader.observe: the sandbox binds in only the grader modules named here
                mods.add(".".join(target.split(".")[:2]) if target.startswith("grader.") else target.split(".")[0])
    return sorted(mods)


def _release_workers(confs, procs, specs_dict):
    """Send the specs (or ``None``: nothing to do) to the workers waiting for them."""
    for w, conn in confs.items():
        try:
            conn.send(specs_dict)
        except (BrokenPipeError, OSError):
            pass
        conn.close()
    if specs_dict is None:
        _stop_workers(procs, grace=5.0)


def _stop_workers(procs, grace=20.0):
    deadline = time.monotonic() + grace
    for p in procs.values():                 # finished workers are closing their zygotes
        p.join(max(0.0, deadline - time.monotonic()))
    for p in procs.values():
        if p.is_alive():
            p.terminate()
    deadline = time.monotonic() + 15
    for p in procs.values():
        p.join(max(0.1, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(5)


def lesson_summary(course, assignments=None):
    """Per assignment, from the grading status of every notebook graded so far (this run and earlier):
    ``[{assignment, notebooks, mean, max, issues, pending}]``; ``mean`` and ``max`` count the
    autograded exercises only (written answers wait for a human: ``pending``)."""
    from .status import StatusDB

    if not course.status_db.exists():
        return []
    with StatusDB(course.status_db) as db:
        rows = [r for r in db.all() if not assignments or r["assignment"] in assignments]
    out = {}
    for r in rows:
        s = out.setdefault(r["assignment"], {"assignment": r["assignment"], "notebooks": 0, "graded": 0,
                                             "points": 0.0, "max": 0.0, "issues": 0, "pending": 0})
        s["notebooks"] += 1
        s["issues"] += r["status"] != st.GRADED
        auto = [e for e in r["exercises"].values() if not e.get("manual")]
        s["pending"] += sum(1 for e in r["exercises"].values() if e.get("manual") and e.get("score") is None
                            and r["status"] != st.NOT_GRADED)
        s["max"] = max(s["max"], sum(float(e.get("max") or 0) for e in auto))
        if r["status"] != st.NOT_GRADED:
            s["graded"] += 1
            s["points"] += sum(float(e.get("score") or 0) for e in auto)
    for s in out.values():
        s["mean"] = s.pop("points") / s["graded"] if s["graded"] else None
    return [out[a] for a in sorted(out)]


def format_lesson_summary(lessons, course):
    """The lines ``autograde`` ends with: per lesson the mean, the issues, and where the details are."""
    if not lessons:
        return []
    import shlex

    from .course import default_home

    cmd = "python -m grader"
    if course.home != default_home().resolve():
        cmd += f" --course-dir {shlex.quote(str(course.home))}"
    lines = ["과제별 요약 / per lesson (자동 채점 문제 기준 / autograded exercises):"]
    for s in lessons:
        mean = "-" if s["mean"] is None else f"{s['mean']:.1f}"
        line = (f"  {s['assignment']}: 평균 {mean} / {s['max']:g}점, 노트북 {s['notebooks']}개, "
                f"문제 {s['issues']}건 / mean {mean} of {s['max']:g}, {s['notebooks']} notebook(s), "
                f"{s['issues']} with issues")
        if s["pending"]:
            line += f"; 서술형 채점 대기 {s['pending']}개 / {s['pending']} written answer(s) to grade"
        lines.append(line)
    lines.append("자세히 / details:")
    lines.append(f"  {cmd} status --problems    문제가 있는 노트북과 이유 / notebooks with issues and why")
    lines.append(f"  {cmd} feedback             학생별 피드백 / feedback pages -> {course.feedback_dir}")
    lines.append(f"  {cmd} export               성적 CSV / grades CSV -> {course.home / 'exports'}")
    if any(s["pending"] for s in lessons):
        lines.append(f"  cd {course.home} && nbgrader formgrader   서술형 채점 / grade the written answers")
    return lines


from .progress import Progress  # noqa: E402

__all__ = ["Options", "autograde", "grade_notebook", "plan", "load_specs", "save_result", "COURSE_ID"]
