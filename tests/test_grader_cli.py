"""The command line: bilingual help, exit codes, and ``release`` delegating to grader.release."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import cli  # noqa: E402
from grader.course import REPO_SOURCE  # noqa: E402


def test_help_is_korean_and_english():
    proc = subprocess.run([sys.executable, "-m", "grader", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0
    for word in ("채점", "grading", "release", "collect", "autograde", "export", "feedback", "check", "report"):
        assert word in proc.stdout
    sub = subprocess.run([sys.executable, "-m", "grader", "autograde", "--help"], cwd=ROOT, capture_output=True,
                         text=True)
    assert "셀 하나의 시간 제한" in sub.stdout and "per-cell timeout" in sub.stdout


def test_release_delegates_to_grader_release(tmp_path, monkeypatch):
    import grader.release as rel

    calls = []
    monkeypatch.setattr(rel, "release", lambda slugs=None, **kw: calls.append((slugs, kw)) or [])
    home = tmp_path / "home"
    assert cli.main(["--course-dir", str(home), "release", "01_requires_grad"]) == 0
    assert calls == [(["01_requires_grad"], {"use_database": True, "db_url": f"sqlite:///{home / 'gradebook.db'}"})]
    assert cli.main(["--course-dir", str(home), "release", "--no-db"]) == 0
    assert calls[-1][1]["use_database"] is False


def test_usage_errors_exit_2(tmp_path, capsys):
    assert cli.main(["--course-dir", str(ROOT / "inside"), "info"]) == 2
    assert "outside the repository" in capsys.readouterr().err
    proc = subprocess.run([sys.executable, "-m", "grader", "autograde", "--memory", "lots"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "not a size" in proc.stderr


def test_info_and_options_after_the_command(tmp_path, capsys):
    assert cli.main(["info", "--course-dir", str(tmp_path / "h")]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "h") in out and str(REPO_SOURCE) in out
    assert (tmp_path / "h" / "nbgrader_config.py").is_file()
