"""For plain ``nbgrader autograde``: no partial credit from a test cell's output.

nbgrader scores a test cell that raised nothing by its output: if the cell's
result (``execute_result``) is a number, that number becomes the score ("partial
credit").  A wrong answer can then earn points by making the test cell show a
number, e.g. ``sys.displayhook(2.0)`` called from the student's function.  The
course never gives partial credit: a test cell scores full marks when it raised
nothing, otherwise 0.

``python -m grader autograde`` scores cells itself (:func:`grader.execute.cell_score`).
For instructors who run plain nbgrader, ``nbgrader_config.py`` puts this
preprocessor before ``SaveAutoGrades``: it turns every ``execute_result`` of an
autograded test cell into ``display_data`` (the output stays visible; nbgrader
reads partial credit only from ``execute_result``).
"""
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution


def _neutral(output):
    if output.get("output_type") != "execute_result":
        return output
    output["output_type"] = "display_data"
    output.pop("execution_count", None)
    return output


class NoPartialCredit(NbGraderPreprocessor):
    """Test cells score all or nothing (see the module docstring)."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            cell.outputs = [_neutral(o) for o in cell.get("outputs", [])]
        return cell, resources
