"""Grading throughput: plain sequential ``nbgrader autograde`` against ``python -m grader autograde``.

    python bench/grading.py                      # 100 students x every lesson (the issue's class)
    python bench/grading.py --students 12        # a quicker run
    python bench/grading.py --check              # exit 1 when ours is not at least 3x faster

One synthetic class is graded twice, in this run, on two identical copies of a
course: once by ``nbgrader autograde "*"`` (one process, notebooks one after
another, a fresh kernel each), once by our ``autograde`` (workers = cores,
kernels forked from a pre-warmed zygote).  Both use the same per-cell timeout.

The class is realistic: most notebooks are correct, partly done, blank or
wrong; a few percent are hostile (an infinite loop, monkeypatching, lying
objects, ``os._exit``, a 3 GiB allocation, an invalid file, a missing or
renamed notebook, deleted or edited test cells).  Output floods are left out:
plain nbgrader needs minutes for one.

Printed: both wall times, seconds per notebook, the ratio, and whether the two
graders agree on the honest notebooks (they must: same tests, same scores).
The load average is printed with each time: other work on the machine slows
the parallel run more than the sequential one, so compare on a quiet machine.
The lessons are the repository's ``grader/source/`` (the synthetic toy
assignment if there are none).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import synthetic  # noqa: E402
from grader.course import REPO_SOURCE, Course, ensure_tools_on_path  # noqa: E402

HONEST = {"correct", "partial", "blank", "wrong"}
BENCH_HOSTILE = ("loop", "patch", "liar", "exit", "memory", "invalid", "missing", "renamed", "deleted", "edited")


def build_class(course, students, seed, hostile_share):
    sources = {}
    for a in course.assignments():
        for nb in course.source_notebooks(a):
            with open(course.source_dir / a / f"{nb}.ipynb", encoding="utf-8") as f:
                sources[(a, nb)] = json.load(f)
    mix = synthetic.class_mix(students, [k for k in sources], seed=seed, hostile_share=hostile_share,
                              hostile_kinds=BENCH_HOSTILE)
    for student, kinds in mix.items():
        for (a, nb), kind in kinds.items():
            folder = course.submission_dir(student, a)
            folder.mkdir(parents=True, exist_ok=True)
            synthetic.write_submission(folder, nb, sources[(a, nb)], kind)
    return mix


def totals(course):
    """``{(student, assignment, notebook): autograded points}`` from a gradebook."""
    out = {}
    with course.gradebook() as gb:
        for a in gb.assignments:
            for nb in a.notebooks:
                for sub in nb.submissions:
                    out[(sub.student.id, a.name, nb.name)] = sum(
                        (g.auto_score or 0.0) for g in sub.grades if g.cell_type == "code")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--workers", type=int, default=0, help="ours: parallel workers (default: cores)")
    parser.add_argument("--cell-timeout", type=float, default=10.0)
    parser.add_argument("--hostile", type=float, default=0.03, help="share of hostile notebooks")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", metavar="DIR", help="build the courses here and keep them")
    parser.add_argument("--check", action="store_true", help="exit 1 when ours is not at least 3x faster")
    args = parser.parse_args()

    ensure_tools_on_path()
    root = Path(args.keep or tempfile.mkdtemp(prefix="grading-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    source = REPO_SOURCE
    if not any(REPO_SOURCE.glob("*/*.ipynb")):
        source = root / "source"
        synthetic.write_toy_source(source, "toy_grad")
    try:
        plain = Course.open(root / "plain", source=source)
        ours = Course.open(root / "ours", source=source)
        mix = build_class(plain, args.students, args.seed, args.hostile)
        shutil.rmtree(ours.submitted_dir)
        shutil.copytree(plain.submitted_dir, ours.submitted_dir)
        for course in (plain, ours):
            course.register(course.assignments())
        n = sum(len(v) for v in mix.values())
        kinds = {}
        for v in mix.values():
            for k in v.values():
                kinds[k] = kinds.get(k, 0) + 1
        print(f"class: {args.students} students x {n // max(1, args.students)} notebooks = {n} notebooks; "
              f"{', '.join(f'{k} {c}' for k, c in sorted(kinds.items()))}")
        print(f"cores: {os.cpu_count()}, cell timeout {args.cell_timeout:g} s", flush=True)

        bindir = Path(sys.executable).parent
        start = time.perf_counter()
        p = subprocess.run([str(bindir / "nbgrader"), "autograde", "*", f"--Execute.timeout={int(args.cell_timeout)}",
                            "--log-level=ERROR"], cwd=plain.home, capture_output=True, text=True)
        t_plain = time.perf_counter() - start
        print(f"nbgrader autograde : {t_plain:8.1f} s  ({t_plain / n:.2f} s per notebook, exit {p.returncode}; "
              f"load average {os.getloadavg()[1]:.1f})", flush=True)

        start = time.perf_counter()
        cmd = [sys.executable, "-m", "grader", "--course-dir", str(ours.home), "autograde", "--no-progress",
               "--cell-timeout", str(args.cell_timeout)]
        if args.workers:
            cmd += ["-j", str(args.workers)]
        q = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        t_ours = time.perf_counter() - start
        print(f"grader autograde   : {t_ours:8.1f} s  ({t_ours / n:.2f} s per notebook, exit {q.returncode}; "
              f"load average {os.getloadavg()[0]:.1f})")
        if q.returncode not in (0, 1):
            print(q.stdout[-2000:], q.stderr[-2000:])

        a, b = totals(plain), totals(ours)
        honest = [(s, nb) for s, v in mix.items() for nb, k in v.items() if k in HONEST]
        agree = sum(1 for s, (asg, nb) in honest if a.get((s, asg, nb)) == b.get((s, asg, nb)))
        print(f"agreement on honest notebooks: {agree}/{len(honest)}")
        for s, (asg, nb) in honest:
            if a.get((s, asg, nb)) != b.get((s, asg, nb)):
                print(f"  differs: {s} {nb}: nbgrader {a.get((s, asg, nb))} vs ours {b.get((s, asg, nb))} "
                      f"({mix[s][(asg, nb)]})")
        ratio = t_plain / t_ours
        print(f"speed-up: {ratio:.1f}x (target >= 3x: {'met' if ratio >= 3 else 'MISSED'})")
        return 1 if args.check and ratio < 3 else 0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
