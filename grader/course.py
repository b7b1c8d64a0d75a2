"""Where the instructor's grading data lives, and nbgrader's view of it.

The repository holds what is shared (the sources in ``grader/source/``, the
student notebooks in ``notebooks/``, ``nbgrader_config.py``).  Everything a
course run produces stays *outside* the repository, in the course home::

    <home>/nbgrader_config.py      generated; loads the repository's config, then
                                   points nbgrader at this folder (formgrader, plain
                                   `nbgrader autograde` and the exchange all work here)
    <home>/gradebook.db            nbgrader's gradebook (SQLite)
    <home>/grader-status.db        our per-notebook grading status (reasons, hashes)
    <home>/submitted/<student>/<assignment>/<notebook>.ipynb
    <home>/autograded/...          executed notebooks, as nbgrader lays them out
    <home>/feedback/...            one HTML page per student and notebook
    <home>/exports/ , <home>/reports/

The home is, in order: the ``--course-dir`` flag, ``$AUTOGRAD_COURSE_HOME``,
``$XDG_DATA_HOME/autograd-course``, ``~/.local/share/autograd-course``.
The sources default to the repository's ``grader/source/`` (``--source`` or
``$AUTOGRAD_COURSE_SOURCE`` to grade another set, as the tests do).
"""
import contextlib
import errno
import fcntl
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPO_CONFIG = next((p for p in (ROOT / "nbgrader_config.py", ROOT / "grader" / "nbgrader_config.py") if p.is_file()),
                   ROOT / "nbgrader_config.py")
REPO_SOURCE = ROOT / "grader" / "source"
REPO_RELEASE = ROOT / "notebooks"
COURSE_ID = "autograd-course"
CONFIG_NAME = "nbgrader_config.py"
SETTINGS_NAME = "course.json"

log = logging.getLogger("grader.course")


def default_home():
    env = os.environ.get("AUTOGRAD_COURSE_HOME")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data) / "autograd-course"


def ensure_tools_on_path():
    """nbgrader runs ``alembic`` (and kernels run ``python``) from PATH: put this venv's bin/ first."""
    bindir = os.path.dirname(sys.executable)
    parts = os.environ.get("PATH", "").split(os.pathsep) if os.environ.get("PATH") else []
    if not parts or parts[0] != bindir:
        os.environ["PATH"] = os.pathsep.join([bindir] + [p for p in parts if p != bindir])


class CourseError(Exception):
    """A problem the instructor must fix (printed without a traceback)."""


class CourseBusy(CourseError):
    """Another grading run holds the course lock."""


class Course:
    """Paths and nbgrader configuration of one course home."""

    def __init__(self, home, source_dir, release_dir):
        self.home = Path(home).resolve()
        self.source_dir = Path(source_dir).resolve()
        self.release_dir = Path(release_dir).resolve()

    # -- construction ---------------------------------------------------------------

    @classmethod
    def open(cls, home=None, source=None, create=True):
        """The course at ``home`` (default: see module doc).  Creates it on first use.

        ``source`` overrides (and is remembered as) the source directory.
        """
        home = Path(home).expanduser() if home else default_home()
        home = home.resolve()
        _refuse_inside_repo(home)
        settings_path = home / SETTINGS_NAME
        settings = {}
        if settings_path.is_file():
            try:
                settings = json.loads(settings_path.read_text(encoding="utf-8"))
            except ValueError:
                settings = {}
        if source is None:
            source = os.environ.get("AUTOGRAD_COURSE_SOURCE") or settings.get("source_dir") or REPO_SOURCE
        source = Path(source).expanduser().resolve()
        if not source.is_dir():
            raise CourseError(f"소스 폴더가 없습니다 / no source folder: {source}")
        release = REPO_RELEASE if source == REPO_SOURCE.resolve() else home / "release"
        course = cls(home, source, release)
        if create:
            course._write_files(settings_path, settings)
        return course

    def _write_files(self, settings_path, old_settings):
        self.home.mkdir(parents=True, exist_ok=True)
        for sub in ("submitted", "autograded", "feedback"):
            (self.home / sub).mkdir(exist_ok=True)
        settings = {"source_dir": str(self.source_dir), "release_dir": str(self.release_dir)}
        if settings != old_settings or not (self.home / CONFIG_NAME).is_file():
            _atomic_write(settings_path, json.dumps(settings, ensure_ascii=False, indent=1) + "\n")
            _atomic_write(self.home / CONFIG_NAME, self.config_text())

    # -- paths ----------------------------------------------------------------------

    @property
    def db_path(self):
        return self.home / "gradebook.db"

    @property
    def db_url(self):
        return "sqlite:///" + str(self.db_path)

    @property
    def status_db(self):
        return self.home / "grader-status.db"

    @property
    def submitted_dir(self):
        return self.home / "submitted"

    @property
    def autograded_dir(self):
        return self.home / "autograded"

    @property
    def feedback_dir(self):
        return self.home / "feedback"

    def submission_dir(self, student, assignment):
        return self.submitted_dir / student / assignment

    def autograded_path(self, student, assignment, notebook):
        return self.autograded_dir / student / assignment / f"{notebook}.ipynb"

    def feedback_path(self, student, assignment, notebook):
        return self.feedback_dir / student / assignment / f"{notebook}.html"

    def inside(self, path):
        """Whether ``path`` (resolved) lies inside the course home."""
        try:
            Path(path).resolve().relative_to(self.home)
            return True
        except ValueError:
            return False

    # -- sources --------------------------------------------------------------------

    def assignments(self):
        """Assignment ids: folders of the source directory that hold a notebook."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and not p.name.startswith((".", "_")) and any(p.glob("*.ipynb")))

    def source_notebooks(self, assignment):
        folder = self.source_dir / assignment
        return sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []

    def notebook_index(self):
        """``{notebook name: assignment}`` over every source notebook."""
        index = {}
        for a in self.assignments():
            for nb in self.source_notebooks(a):
                index.setdefault(nb, a)
        return index

    def students(self):
        if not self.submitted_dir.is_dir():
            return []
        return sorted(p.name for p in self.submitted_dir.iterdir() if p.is_dir() and not p.name.startswith("."))

    # -- nbgrader -------------------------------------------------------------------

    def config_text(self):
        q = json.dumps
        return (
            "# Generated by `python -m grader` (autograd-course).  Safe to edit the last lines;\n"
            "# the course-wide settings come from the repository's nbgrader_config.py.\n"
            "import os\n"
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig({q(REPO_CONFIG.name)}, path={q(str(REPO_CONFIG.parent))})  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {q(COURSE_ID)}\n"
            f"c.CourseDirectory.root = {q(str(self.home))}\n"
            f"c.CourseDirectory.source_directory = {q(str(self.source_dir))}\n"
            f"c.CourseDirectory.release_directory = {q(str(self.release_dir))}\n"
            "c.CourseDirectory.submitted_directory = 'submitted'\n"
            "c.CourseDirectory.autograded_directory = 'autograded'\n"
            "c.CourseDirectory.feedback_directory = 'feedback'\n"
            f"c.CourseDirectory.db_url = {q(self.db_url)}\n"
            "# plain `nbgrader autograde` on this course: re-add deleted test cells\n"
            "c.OverwriteCells.add_missing_cells = True\n"
        )

    def nbgrader_config(self):
        """The traitlets Config nbgrader would read in the course home."""
        from traitlets.config.loader import PyFileConfigLoader

        ensure_tools_on_path()
        return PyFileConfigLoader(CONFIG_NAME, path=str(self.home)).load_config()

    def coursedir(self, **overrides):
        from nbgrader.coursedir import CourseDirectory

        config = self.nbgrader_config()
        for k, v in overrides.items():
            setattr(config.CourseDirectory, k, v)
        return CourseDirectory(config=config)

    def gradebook(self):
        from nbgrader.api import Gradebook

        ensure_tools_on_path()
        return Gradebook(self.db_url, COURSE_ID)

    def registered_assignments(self):
        if not self.db_path.exists():
            return set()
        with self.gradebook() as gb:
            return {a.name for a in gb.assignments}

    def register(self, assignments, release_dir=None, force=False):
        """Record ``assignments`` (their notebooks, cells, checksums) in the gradebook.

        Uses nbgrader's ``generate_assignment`` with the database; the student
        version goes to ``release_dir`` (default: a throw-away folder, so the
        repository's ``notebooks/`` is only rewritten by ``release``).
        """
        from nbgrader.converters import GenerateAssignment

        ensure_tools_on_path()
        assignments = list(assignments)
        if not force:
            have = self.registered_assignments()
            assignments = [a for a in assignments if a not in have]
        if not assignments:
            return []
        with contextlib.ExitStack() as stack:
            out = release_dir or stack.enter_context(tempfile.TemporaryDirectory(prefix="agc-release-"))
            for a in assignments:
                config = self.nbgrader_config()
                config.CourseDirectory.release_directory = str(Path(out).resolve())
                config.CourseDirectory.assignment_id = a
                converter = GenerateAssignment(coursedir=self.coursedir_from(config), config=config)
                converter.log.setLevel(logging.ERROR)
                converter.force = True
                converter.start()
        return assignments

    @staticmethod
    def coursedir_from(config):
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=config)

    # -- locking --------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, what="autograde", wait=False):
        """An exclusive lock on the course home (one grading run at a time)."""
        path = self.home / ".grader.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                try:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                except OSError:
                    holder = ""
                raise CourseBusy(
                    f"다른 채점 작업이 이 강좌 폴더를 쓰고 있습니다 ({holder or '?'}). 끝난 뒤 다시 실행하세요.\n"
                    f"another grading run holds {path} ({holder or '?'}); try again when it has finished")
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{what} pid {os.getpid()}".encode(), 0)
            yield
        finally:
            os.close(fd)


def _refuse_inside_repo(home):
    try:
        home.relative_to(ROOT)
    except ValueError:
        return
    raise CourseError(f"강좌 데이터는 저장소 밖에 두어야 합니다 / the course home must be outside the repository: {home}")


def _atomic_write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path, data, mode=0o644):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


atomic_write_text = _atomic_write

__all__ = ["Course", "CourseError", "CourseBusy", "default_home", "ensure_tools_on_path", "atomic_write_bytes",
           "atomic_write_text", "ROOT", "REPO_SOURCE", "COURSE_ID"]
