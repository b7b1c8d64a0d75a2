"""The progress bar: a redrawn line with an ETA on a terminal, plain lines elsewhere."""
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.progress import Progress  # noqa: E402


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_terminal_line_is_redrawn_with_eta():
    out = FakeTTY()
    p = Progress(4, stream=out)
    for _ in range(4):
        p.update()
    p.close()
    text = out.getvalue()
    assert text.count("\r") >= 4 and "ETA" in text and "4/4" in text and "[" in text
    assert text.endswith("\n")


def test_log_gets_a_few_plain_lines():
    out = io.StringIO()
    p = Progress(200, stream=out, interval=3600)
    for i in range(200):
        p.update(problem=(i == 5))
    p.close()
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert 10 <= len(lines) <= 12                      # every 10 %, not 200 lines
    assert lines[-1].startswith("autograde: 200/200") and "ETA" in lines[-1] and "1 with issues" in lines[-1]
