# nbgrader configuration for the autograd course.
#
# Layout (run nbgrader from the repository root, or use `make release`):
#   grader/source/<NN_slug>/<NN_slug>.ipynb   instructor notebooks (solutions, hidden tests)
#   notebooks/<NN_slug>/<NN_slug>.ipynb       student notebooks, made by generate_assignment
#
# `python -m grader.release` loads this file too, so the two never disagree.
# The gradebook database is kept out of the repository, in ~/.cache/autograd-course/
# (set AUTOGRAD_COURSE_DB to use another sqlite URL).
import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader reads this file

_root = os.path.dirname(os.path.abspath(__file__))
_cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "autograd-course")

c.CourseDirectory.course_id = "autograd-course"
c.CourseDirectory.root = _root
c.CourseDirectory.source_directory = os.path.join("grader", "source")
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.db_url = os.environ.get(
    "AUTOGRAD_COURSE_DB", "sqlite:///" + os.path.join(_cache, "gradebook.db"))

# Students see Korean stubs where the solutions were.
c.ClearSolutions.code_stub = {"python": "# 여기에 코드를 작성하세요\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "여기에 답을 작성하세요."

# Every notebook runs in a few seconds; a cell that takes a minute is a bug.
c.Execute.timeout = 60

# No partial credit: a test cell scores all its points when it raised nothing, else 0.
# (nbgrader would read a number shown as a test cell's result as a partial score, which a
# wrong answer can fake with sys.displayhook(2.0); see grader/no_partial_credit.py.)
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "grader.no_partial_credit.NoPartialCredit",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
