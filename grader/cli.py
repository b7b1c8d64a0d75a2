"""Command line: ``python -m grader <command>`` (or the ``autograd-grader`` script).

    python -m grader release                  notebooks/ from grader/source/, assignments into the gradebook
    python -m grader collect submissions.zip  submissions into <course>/submitted/
    python -m grader autograde                parallel, resumable autograding
    python -m grader feedback                 one Korean HTML page per student and notebook
    python -m grader export                   grades CSV (UTF-8 with BOM, opens in Excel)
    python -m grader report [ASSIGNMENT ...]  charts and an HTML summary of what was collected
    python -m grader check NOTEBOOK           a student's self-check (exit 1 when a test fails)
    python -m grader status                   how each notebook's grading ended
    python -m grader info                     where the course data lives

Every command takes ``--course-dir`` (default ``$AUTOGRAD_COURSE_HOME`` or
``~/.local/share/autograd-course``) and ``--source`` (default ``grader/source``),
before or after the command.  Run outside the course's venv, a command says how
to run it instead of failing with ``ModuleNotFoundError``.
"""
import argparse
import importlib.util
import os
import re
import sys
from pathlib import Path

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

DESCRIPTION = """\
autograd 강좌 채점 도구 / grading tool of the autograd course.

nbgrader의 gradebook 위에서 동작합니다: formgrader로 수동 채점도 그대로 할 수 있습니다.
Works on nbgrader's gradebook; the formgrader still works on the same course.

순서 / workflow:  release -> collect -> autograde -> feedback -> export (-> report)
"""


# what a grading kernel needs in *this* interpreter (the course's venv has them all)
NEEDED = ("numpy", "jupyter_client", "ipykernel", "autograd_core")


def missing_modules(names=NEEDED):
    def absent(name):
        try:
            return importlib.util.find_spec(name) is None
        except ImportError:
            return True
    return [m for m in names if absent(m)]


def how_to_run(missing, command="check NOTEBOOK.ipynb"):
    """The message for a Python without the course's packages (``python3 -m grader ...`` outside the venv)."""
    venv = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    py = str(venv) if venv.exists() else ".venv/bin/python"
    names = ", ".join(missing)
    return (f"이 Python({sys.executable})에는 채점 도구에 필요한 패키지({names})가 없습니다.\n"
            f"강좌의 가상 환경(.venv)으로 실행하세요:\n"
            f"    {py} -m grader {command}\n"
            "(.venv는 저장소 폴더에서 `make lab`을 한 번 실행하면 만들어집니다. `make lab`으로 연 JupyterLab의 "
            f"터미널에서는 `python -m grader {command}`로 됩니다.)\n"
            f"This Python ({sys.executable}) lacks the packages the grader needs ({names}). Run it with the "
            f"course's virtual environment: {py} -m grader {command} (`make lab` creates .venv; in a terminal "
            "of the JupyterLab that `make lab` opens, plain `python -m grader ...` works).\n")


def _bytes(text):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*", str(text), re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"크기를 알 수 없습니다 / not a size: {text!r} (예 / e.g. 2G, 512M)")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[m.group(2).lower()]
    return int(float(m.group(1)) * scale)


def _positive(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("0보다 커야 합니다 / must be positive")
    return value


def _course_options(default):
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--course-dir", metavar="DIR", default=default,
                        help="강좌 데이터 폴더 (저장소 밖) / course data folder, outside the repository "
                             "(default: $AUTOGRAD_COURSE_HOME or ~/.local/share/autograd-course)")
    parent.add_argument("--source", metavar="DIR", default=default,
                        help="강사용 노트북 폴더 / instructor notebooks (default: grader/source, remembered)")
    return parent


def build_parser():
    # accepted before or after the command; after the command only overrides when given
    common = _course_options(argparse.SUPPRESS)
    p = argparse.ArgumentParser(prog="python -m grader", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                parents=[_course_options(None)])
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("release", parents=[common],
                       help="학생용 notebooks/를 다시 만들고 과제를 gradebook에 등록 / regenerate notebooks/ "
                            "and register the assignments",
                       description="grader/source/에서 notebooks/를 다시 만들고 (grader.release), 과제를 강좌 "
                                   "gradebook에 등록합니다. / Regenerates notebooks/ from grader/source/ "
                                   "(grader.release) and records the assignments in the course gradebook.")
    r.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="과제 (기본: 전부) / lessons (default: all)")
    r.add_argument("--check", action="store_true",
                   help="쓰지 않고 notebooks/가 최신인지 확인 / only check that notebooks/ is up to date")
    r.add_argument("--no-db", action="store_true", help="gradebook에 등록하지 않음 / do not touch the gradebook")

    c = sub.add_parser("collect", parents=[common], help="제출물 가져오기 (폴더 또는 zip) / import submissions",
                       description="폴더나 zip에서 제출물을 <강좌>/submitted/로 가져옵니다. nbgrader 구조 "
                                   "(<학생>/<과제>/<노트북>.ipynb), 학생별 폴더, LMS의 평평한 다운로드를 모두 "
                                   "읽습니다. 경로 조작(zip slip, .., 절대 경로)이 있는 zip은 거부합니다. / "
                                   "Imports a folder or zip: nbgrader layout, one folder per student, or an "
                                   "LMS flat download.  Archives with path traversal are refused.")
    c.add_argument("path", help="폴더나 .zip / a folder or a .zip")
    c.add_argument("--assignment", help="이 과제로만 가져오기 / only this assignment (also names renamed files)")
    c.add_argument("--layout", choices=["auto", "nbgrader", "folder", "flat"], default="auto",
                   help="제출물 구조 / layout (default: auto)")
    c.add_argument("--student-regex", metavar="REGEX",
                   help="파일 이름에서 학생 ID를 뽑는 정규식, (?P<student>...) 그룹 / regex with a "
                        "(?P<student>...) group to read the id from file names")
    c.add_argument("--dry-run", action="store_true", help="쓰지 않고 보여 주기만 / show, do not write")

    a = sub.add_parser("autograde", parents=[common], help="병렬 자동 채점 / parallel autograding",
                       description="제출물을 병렬로 채점해 nbgrader gradebook에 기록합니다. 이미 채점한 노트북은 "
                                   "건너뜁니다 (--force로 다시). 셀마다 시간 제한, 노트북마다 전체 시간 제한, "
                                   "메모리 제한이 있습니다. / Grades in parallel into nbgrader's gradebook; "
                                   "resumable; per-cell timeout, notebook wall-clock limit, memory limit.")
    a.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                   help="과제 (기본: 제출물이 있는 전부) / assignments (default: all with submissions)")
    a.add_argument("--student", action="append", dest="students", metavar="ID",
                   help="이 학생만 (여러 번 가능) / only this student (repeatable)")
    a.add_argument("-j", "--workers", type=int, default=0,
                   help=f"동시 작업 수 / parallel workers (default: CPU count = {os.cpu_count()})")
    a.add_argument("--force", action="store_true", help="이미 채점한 것도 다시 / re-grade everything")
    a.add_argument("--retry-failed", action="store_true",
                   help="채점하지 못했던 노트북만 다시 / re-try notebooks that could not be graded")
    a.add_argument("--cell-timeout", type=_positive, default=30.0, metavar="SEC",
                   help="셀 하나의 시간 제한 / per-cell timeout (default 30 s)")
    a.add_argument("--notebook-timeout", type=_positive, default=300.0, metavar="SEC",
                   help="노트북 전체 시간 제한 / wall-clock limit per notebook (default 300 s)")
    a.add_argument("--memory", type=_bytes, default="2G", metavar="SIZE",
                   help="커널 메모리 제한 / memory limit per kernel (default 2G)")
    a.add_argument("--no-integrity", action="store_true",
                   help="몽키패치 검사를 끔 (권장하지 않음) / disable the anti-cheating check (not advised)")
    a.add_argument("--no-sandbox", action="store_true",
                   help="샌드박스(bubblewrap) 없이 채점: 학생 코드가 정답과 gradebook을 읽을 수 있음, export에 표시됨 "
                        "(docs/sandbox.md) / grade WITHOUT the bubblewrap sandbox: student code can read the answer "
                        "key and the gradebook; the export marks those notebooks")
    a.add_argument("--no-progress", action="store_true", help="진행 표시 없음 / no progress bar")

    f = sub.add_parser("feedback", parents=[common], help="학생별 HTML 피드백 / HTML feedback pages",
                       description="학생과 노트북마다 한국어 HTML 피드백을 <강좌>/feedback/에 만듭니다. 숨겨진 "
                                   "테스트와 그 traceback은 보이지 않습니다. / Writes one Korean HTML page per "
                                   "student and notebook; hidden tests and their tracebacks are scrubbed.")
    f.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    f.add_argument("--student", action="append", dest="students", metavar="ID")

    e = sub.add_parser("export", parents=[common], help="성적 CSV / grades CSV",
                       description="학생마다 한 줄, 연습 문제마다 한 칸인 CSV (UTF-8, BOM 포함: 엑셀에서 한글이 "
                                   "깨지지 않음). status 칸은 채점 불가와 0점을 구별합니다. / One row per "
                                   "student, a column per exercise, UTF-8 with BOM for Excel; a status column "
                                   "tells 'could not be graded' from a zero.")
    e.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    e.add_argument("-o", "--output", metavar="FILE",
                   help="CSV 파일 (기본: <강좌>/exports/grades-<시각>.csv) / output file "
                        "(default <course>/exports/grades-<time>.csv)")
    e.add_argument("--allow-git", action="store_true",
                   help="git 작업 트리 안에도 쓰기 (성적이 커밋될 수 있음) / write even inside a git work tree "
                        "(the grades could be committed)")

    rp = sub.add_parser("report", parents=[common], help="차트와 HTML 요약 / charts and an HTML summary",
                        description="제출물이 있는 과제(또는 지정한 과제)의 점수 분포, 연습 문제별 통과율, 가장 "
                                    "많이 실패한 테스트를 PNG와 HTML로 만듭니다. / Score distribution, pass rate per "
                                    "exercise and the most failed test of the collected (or named) assignments "
                                    "(PNG + HTML).")
    rp.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                    help="과제 (기본: 제출물이 있는 전부) / assignments (default: every one collected)")
    rp.add_argument("-o", "--output", metavar="DIR", help="출력 폴더 / output folder (default <course>/reports)")
    rp.add_argument("--allow-git", action="store_true",
                    help="git 작업 트리 안에도 쓰기 / write even inside a git work tree")

    k = sub.add_parser("check", help="학생용 자가 점검 / student self-check",
                       description="노트북을 처음부터 실행해 보이는 테스트의 결과를 한국어로 보여 줍니다. 실패가 "
                                   "있으면 종료 코드 1. / Runs the notebook and its visible tests; prints a Korean "
                                   "summary; exits 1 when a test fails.")
    k.add_argument("notebook", help="확인할 노트북 / the notebook to check")
    k.add_argument("--cell-timeout", type=_positive, default=60.0, metavar="SEC")
    k.add_argument("--memory", type=_bytes, default="2G", metavar="SIZE")

    s = sub.add_parser("status", parents=[common], help="노트북별 채점 상태 / grading status per notebook")
    s.add_argument("--problems", action="store_true", help="문제가 있는 것만 / only notebooks with problems")

    sub.add_parser("info", parents=[common], help="강좌 폴더 위치 / where the course data lives")
    return p


def _course(args, create=True):
    from .course import Course

    return Course.open(args.course_dir, args.source, create=create)


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    from .course import CourseBusy, CourseError

    try:
        return COMMANDS[args.command](args)
    except CourseBusy as exc:
        print(exc, file=sys.stderr)
        return EXIT_BUSY
    except CourseError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except ModuleNotFoundError as exc:            # `python3 -m grader ...` outside the course's venv
        if exc.name and exc.name.split(".")[0] in ("grader", "autograd_core"):
            raise
        command = "check NOTEBOOK.ipynb" if args.command == "check" else args.command
        print(how_to_run([exc.name or str(exc)], command), file=sys.stderr, end="")
        return EXIT_USAGE
    except BrokenPipeError:                       # `python -m grader status | head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_FAIL


def cmd_release(args):
    from . import release as rel
    from .course import REPO_SOURCE

    course = _course(args)
    slugs = args.assignments or course.assignments()
    if course.source_dir == REPO_SOURCE.resolve():
        if args.check:
            return rel.main(["--check"] + list(args.assignments))
        from .course import ensure_tools_on_path

        ensure_tools_on_path()
        written = rel.release(slugs or None, use_database=not args.no_db, db_url=course.db_url)
        for p in written:
            print(f"wrote {p}")
        if not args.no_db:
            print(f"gradebook: {len(slugs)}개 과제 등록 / registered {len(slugs)} assignment(s) in {course.db_path}")
        return EXIT_OK
    if args.check:
        print("--check는 저장소의 grader/source에만 씁니다 / --check applies to the repository's sources only",
              file=sys.stderr)
        return EXIT_USAGE
    course.register(slugs, release_dir=str(course.release_dir), force=True)
    print(f"{course.release_dir}: {', '.join(slugs)} (gradebook {course.db_path})")
    return EXIT_OK


def cmd_collect(args):
    from .collect import collect, format_report

    course = _course(args)
    report = collect(course, args.path, assignment=args.assignment, layout=args.layout,
                     student_regex=args.student_regex, dry_run=args.dry_run)
    print(format_report(report, args.dry_run))
    return EXIT_OK if report.imported or not report.skipped else EXIT_FAIL


def cmd_autograde(args):
    from . import status as st
    from .autograde import Options, autograde, format_lesson_summary, lesson_summary
    from .execute import Limits

    course = _course(args)
    limits = Limits(cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout, memory=args.memory)
    opts = Options(assignments=args.assignments or None, students=args.students, workers=args.workers,
                   force=args.force, retry_failed=args.retry_failed, limits=limits,
                   integrity=not args.no_integrity, sandbox=not args.no_sandbox, progress=not args.no_progress)
    summary = autograde(course, opts)
    counts = {}
    for r in summary["results"]:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    print(f"채점 {summary['graded']}개, 건너뜀 {summary['skipped']}개, 오류 {summary['failed']}개 "
          f"({summary.get('seconds', 0):.1f}초, 작업 {summary.get('workers', 0)}개) / graded {summary['graded']}, "
          f"skipped {summary['skipped']}, errors {summary['failed']}")
    for key, n in sorted(counts.items()):
        ko, en = st.LABELS.get(key, (key, key))
        print(f"  {ko} / {en}: {n}")
    problems = [r for r in summary["results"] if r["status"] != st.GRADED]
    for r in problems[:30]:
        print(f"  - {r['student']} / {r['assignment']} / {r['notebook']}: {r['status']} "
              f"({st.reason_text(r.get('reasons', []), 'en')})")
    if len(problems) > 30:
        print(f"  ... (+{len(problems) - 30}; python -m grader status --problems)")
    for line in format_lesson_summary(lesson_summary(course, args.assignments or None), course):
        print(line)
    return EXIT_FAIL if summary["failed"] else EXIT_OK


def cmd_feedback(args):
    from .feedback import generate

    course = _course(args)
    written = generate(course, args.assignments or None, args.students)
    print(f"피드백 {len(written)}개를 {course.feedback_dir}에 썼습니다 / wrote {len(written)} feedback page(s)")
    return EXIT_OK


def cmd_export(args):
    from .export import export

    course = _course(args)
    path, rows = export(course, args.output, args.assignments or None, allow_git=args.allow_git)
    print(f"{path} ({len(rows)}명 / students)")
    return EXIT_OK


def cmd_report(args):
    from .report import build

    course = _course(args)
    index, _ = build(course, args.output, args.assignments or None, allow_git=args.allow_git)
    print(index)
    return EXIT_OK


def cmd_check(args):
    from .check import check
    from .execute import Limits

    code, _ = check(args.notebook, Limits(cell_timeout=args.cell_timeout, notebook_timeout=max(600.0, args.cell_timeout),
                                          memory=args.memory))
    return code


def cmd_status(args):
    from . import status as st
    from .status import StatusDB

    course = _course(args)
    with StatusDB(course.status_db) as db:
        rows = db.all()
    for r in rows:
        if args.problems and r["status"] == st.GRADED:
            continue
        ko, en = st.LABELS.get(r["status"], (r["status"], r["status"]))
        why = st.reason_text(r["reasons"], "ko")
        print(f"{r['student']}\t{r['assignment']}/{r['notebook']}\t{en}\t{why}")
    return EXIT_OK


def cmd_info(args):
    course = _course(args)
    print(f"course home : {course.home}")
    print(f"sources     : {course.source_dir}")
    print(f"release     : {course.release_dir}")
    print(f"gradebook   : {course.db_path}")
    print(f"submitted   : {course.submitted_dir}")
    print(f"autograded  : {course.autograded_dir}")
    print(f"feedback    : {course.feedback_dir}")
    print(f"nbgrader    : cd {course.home} && nbgrader formgrader   (uses {course.home / 'nbgrader_config.py'})")
    return EXIT_OK


COMMANDS = {
    "release": cmd_release, "collect": cmd_collect, "autograde": cmd_autograde, "feedback": cmd_feedback,
    "export": cmd_export, "report": cmd_report, "check": cmd_check, "status": cmd_status, "info": cmd_info,
}

if __name__ == "__main__":
    sys.exit(main())
