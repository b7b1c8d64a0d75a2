"""Make the student notebooks (``notebooks/``) from the instructor notebooks (``grader/source/``).

    python -m grader.release                  # every lesson
    python -m grader.release 04_chain_rule    # one lesson
    python -m grader.release --check          # exit 1 if notebooks/ is out of date
    make release                              # the same as the first line

The work is done by nbgrader's ``generate_assignment`` converter, configured by
the repository's ``nbgrader_config.py``: solutions become the Korean stub
``# 여기에 코드를 작성하세요`` / ``raise NotImplementedError()``, hidden tests are
removed, outputs are cleared and the graded cells get their checksums.

By default nothing is written to nbgrader's gradebook database (like
``nbgrader generate_assignment --no-db``).  ``--db`` records the assignment in
the gradebook named by ``nbgrader_config.py`` (``~/.cache/autograd-course/``,
outside the repository).

From Python::

    from grader.release import release
    release()                         # -> [Path('notebooks/01_requires_grad/01_requires_grad.ipynb'), ...]
    release("02_backward_grad", release_directory="/tmp/out")
"""
import argparse
import filecmp
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "nbgrader_config.py"
SOURCE_DIR = ROOT / "grader" / "source"
RELEASE_DIR = ROOT / "notebooks"
SLUG_PATTERN = re.compile(r"^\d\d_[a-z0-9_]+$")

# The ten lessons, in order (grader/source/<slug>/<slug>.ipynb).
LESSONS = (
    "01_requires_grad",
    "02_backward_grad",
    "03_computational_graph",
    "04_chain_rule",
    "05_nonscalar_gradient",
    "06_grad_accumulation",
    "07_retain_graph",
    "08_no_grad_detach",
    "09_control_flow",
    "10_logistic_regression",
)

log = logging.getLogger("grader.release")

# Files in a source folder that are never copied to the release.
IGNORED = {".ipynb_checkpoints", "__pycache__", ".DS_Store"}


def source_notebook(slug):
    return SOURCE_DIR / slug / f"{slug}.ipynb"


def release_notebook(slug, release_directory=None):
    return Path(release_directory or RELEASE_DIR) / slug / f"{slug}.ipynb"


def source_slugs():
    """The lessons that have a source notebook, in order."""
    if not SOURCE_DIR.is_dir():
        return []
    return sorted(p.name for p in SOURCE_DIR.iterdir()
                  if p.is_dir() and SLUG_PATTERN.match(p.name) and source_notebook(p.name).is_file())


def load_config(release_directory=None, db_url=None):
    """nbgrader's configuration from ``nbgrader_config.py``, with optional overrides."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
    if release_directory is not None:
        # An absolute path wins over CourseDirectory.root in nbgrader's path formatting.
        config.CourseDirectory.release_directory = str(Path(release_directory).resolve())
    if db_url is not None:
        config.CourseDirectory.db_url = db_url
    return config


def _prepare_database(db_url):
    """nbgrader creates the gradebook with alembic, which it runs from PATH."""
    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + (os.pathsep + path if path else "")
    if db_url.startswith("sqlite:///"):
        Path(db_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)


def release(slug=None, release_directory=None, use_database=False, db_url=None):
    """Regenerate the student version of ``slug`` (or of every lesson with a source).

    ``release_directory`` (default ``notebooks/``) receives ``<slug>/<slug>.ipynb``
    plus any other file of the source folder.  Returns the written notebooks.
    """
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    slugs = source_slugs() if slug is None else ([slug] if isinstance(slug, str) else list(slug))
    for s in slugs:
        if not source_notebook(s).is_file():
            raise FileNotFoundError(f"no source notebook {source_notebook(s).relative_to(ROOT)}")

    config = load_config(release_directory, db_url)
    if use_database:
        _prepare_database(config.CourseDirectory.db_url)
    else:
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False

    out_root = Path(release_directory).resolve() if release_directory else RELEASE_DIR
    written = []
    for s in slugs:
        config.CourseDirectory.assignment_id = s
        dest = out_root / s
        if dest.exists():
            shutil.rmtree(dest)   # a clean folder: files deleted from the source go too
        coursedir = CourseDirectory(config=config)
        converter = GenerateAssignment(coursedir=coursedir, config=config)
        converter.log.setLevel(logging.WARNING)
        converter.force = True
        converter.start()
        notebook = release_notebook(s, out_root)
        if not notebook.is_file():
            raise RuntimeError(f"nbgrader did not write {notebook}")
        _normalise(notebook)
        written.append(notebook)
        log.info("wrote %s", _show(notebook))
    return written


def _normalise(path):
    """Write the notebook the way Jupyter does (sorted keys, one-space indent, final newline).

    nbgrader's writer already does this except for the final newline; making it
    explicit keeps ``git diff`` quiet when someone saves a released notebook in Jupyter.
    """
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _show(path):
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _files(folder):
    folder = Path(folder)
    out = set()
    for p in folder.rglob("*"):
        if p.is_file() and not (set(p.relative_to(folder).parts) & IGNORED):
            out.add(p.relative_to(folder).as_posix())
    return out


def compare_release(slug, generated_dir, committed_dir=None):
    """Differences between a fresh release in ``generated_dir`` and the committed one.

    Returns a list of human-readable strings (empty when in sync).
    """
    committed_dir = Path(committed_dir or RELEASE_DIR)
    fresh, kept = Path(generated_dir) / slug, committed_dir / slug
    if not kept.is_dir():
        return [f"{_show(kept)} is missing: run `make release`"]
    problems = []
    fresh_files, kept_files = _files(fresh), _files(kept)
    for name in sorted(fresh_files - kept_files):
        problems.append(f"{_show(kept / name)} is missing")
    for name in sorted(kept_files - fresh_files):
        problems.append(f"{_show(kept / name)} has no source (stale file)")
    for name in sorted(fresh_files & kept_files):
        if name.endswith(".ipynb"):
            problems += _compare_notebooks(fresh / name, kept / name)
        elif not filecmp.cmp(fresh / name, kept / name, shallow=False):
            problems.append(f"{_show(kept / name)} differs from its source")
    return problems


def _compare_notebooks(fresh_path, kept_path):
    with open(fresh_path, encoding="utf-8") as f:
        fresh = json.load(f)
    with open(kept_path, encoding="utf-8") as f:
        kept = json.load(f)
    where = _show(kept_path)
    problems = []
    if fresh.get("metadata") != kept.get("metadata"):
        problems.append(f"{where}: notebook metadata differs")
    a, b = fresh.get("cells", []), kept.get("cells", [])
    if len(a) != len(b):
        problems.append(f"{where}: {len(b)} cells, but the source gives {len(a)}")
    for i, (x, y) in enumerate(zip(a, b)):
        for key in ("cell_type", "source", "metadata", "outputs"):
            if x.get(key) != y.get(key):
                problems.append(f"{where}: cell {i} ({x.get('cell_type')}) {key} differs")
    return problems


def check(slugs=None):
    """Regenerate into a temporary folder and compare with ``notebooks/``; returns the problems."""
    slugs = source_slugs() if slugs is None else list(slugs)
    problems = []
    with tempfile.TemporaryDirectory(prefix="autograd-course-release-") as tmp:
        release(slugs, release_directory=tmp)
        for s in slugs:
            problems += compare_release(s, tmp)
    if RELEASE_DIR.is_dir():
        for p in sorted(RELEASE_DIR.iterdir()):
            if p.is_dir() and SLUG_PATTERN.match(p.name) and p.name not in source_slugs():
                problems.append(f"{_show(p)} has no source in grader/source/ (stale release)")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m grader.release",
        description="Regenerate notebooks/ from grader/source/ with nbgrader generate_assignment.")
    parser.add_argument("slugs", nargs="*", help="lessons to release (default: every lesson with a source)")
    parser.add_argument("--check", action="store_true",
                        help="do not write notebooks/; exit 1 if it is out of sync with the sources")
    parser.add_argument("--dest", help="write the release here instead of notebooks/")
    parser.add_argument("--db", action="store_true",
                        help="also record the assignments in the nbgrader gradebook (outside the repository)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)

    slugs = args.slugs or source_slugs()
    if not slugs:
        print(f"no source notebooks in {_show(SOURCE_DIR)}")
        return 1
    if args.check:
        logging.getLogger("grader.release").setLevel(logging.WARNING)
        problems = check(slugs)
        for p in problems:
            print(p)
        print("notebooks/ is in sync with grader/source/" if not problems
              else "notebooks/ is out of sync: run `make release`")
        return 1 if problems else 0
    release(slugs, release_directory=args.dest, use_database=args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
