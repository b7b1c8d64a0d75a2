"""Binder: what repo2docker reads, checked without building an image.

* environment.yml is at the top level, no binder/ (or .binder/) folder hides it, and
  its packages agree with pyproject.toml (the check of tests/test_packaging.py);
* postBuild is an executable bash script with ``set -e`` before its first command; it
  installs the repository, disables AND locks nbgrader's formgrader, Create Assignment,
  Course List and the Assignments list for students (nothing is released into an
  exchange on Binder, so the list could only be empty), disables their server
  extensions, and keeps Validate;
* run with stand-in ``python`` and ``jupyter`` commands, postBuild really issues those
  commands (each lock after its disable) and stops at the first failing command; run
  with the real ``jupyter labextension`` (redirected to a private config folder), the
  page config it leaves has those four plugins disabled and locked, Validate not;
* the README has a Binder badge whose link opens notebooks/ in JupyterLab, and the
  "화면 미리보기" / "What you will see" sections showing docs/screenshot.png.

``binder_problems`` and ``readme_problems`` return readable problems; the real files
give none, and broken copies give the expected ones (so the checks can fail).
"""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_packaging import load_environment, load_pyproject, packaging_problems  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STUDENT_KEEPS = ("@jupyter/nbgrader:validate-assignment", "nbgrader.server_extensions.validate_assignment")
LAB_DISABLED = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list")
SERVER_DISABLED = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list",
                   "nbgrader.server_extensions.assignment_list")
BADGE = re.compile(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/v2/[^)\s]+)\)")


def _commands(text):
    """postBuild's lines without comments and blank lines (a heredoc's body included)."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def binder_problems(root: Path) -> list[str]:
    problems = []
    for hidden in ("binder", ".binder"):
        if (root / hidden).exists():
            problems.append(f"{hidden}/ exists: repo2docker would ignore the top-level environment.yml and postBuild")
    if not (root / "environment.yml").is_file():
        problems.append("environment.yml is not at the top level")
    else:
        problems += [f"environment.yml: {p}" for p in
                     packaging_problems(load_pyproject((root / "pyproject.toml").read_text(encoding="utf-8")),
                                        load_environment((root / "environment.yml").read_text(encoding="utf-8")))]

    post = root / "postBuild"
    if not post.is_file():
        return problems + ["postBuild is missing"]
    if not os.access(post, os.X_OK):
        problems.append("postBuild is not executable (chmod +x postBuild)")
    text = post.read_text(encoding="utf-8")
    if not re.match(r"#!(/usr/bin/env bash|/bin/bash)\n", text):
        problems.append("postBuild does not start with #!/bin/bash or #!/usr/bin/env bash")
    commands = _commands(text)
    if not commands or not re.match(r"set\s+(-[a-zA-Z]*e[a-zA-Z]*|-o\s+errexit)\b", commands[0]):
        problems.append("postBuild does not use `set -e` before its first command")
    if not any(re.search(r"\bpip\s+install\b.*\s(-e\s+)?\.(\s|$)", c) for c in commands):
        problems.append("postBuild does not install the repository (pip install -e .)")
    for name in LAB_DISABLED:
        disabled = [i for i, c in enumerate(commands)
                    if re.search(rf"\bjupyter\s+labextension\s+disable\b.*\s{re.escape(name)}(\s|$)", c)]
        locked = [i for i, c in enumerate(commands)
                  if re.search(rf"\bjupyter\s+labextension\s+lock\b.*\s{re.escape(name)}(\s|$)", c)]
        if not disabled:
            problems.append(f"postBuild does not disable the lab extension {name} for students")
        elif not locked or max(locked) < min(disabled):
            problems.append(f"postBuild does not lock the lab extension {name} after disabling it "
                            "(a student could switch it back on)")
    for name in SERVER_DISABLED:
        if not any(re.search(rf"\bjupyter\s+server\s+extension\s+disable\b.*\s{re.escape(name)}(\s|$)", c)
                   for c in commands):
            problems.append(f"postBuild does not disable the server extension {name} for students")
    for name in STUDENT_KEEPS:
        if any(("disable" in c or "lock" in c) and re.search(rf"\s{re.escape(name)}(\s|$)", c) for c in commands):
            problems.append(f"postBuild disables {name}, which students need")
    return problems


def _png_size(path: Path):
    data = path.read_bytes()[:24]
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def readme_problems(root: Path) -> list[str]:
    problems = []
    text = (root / "README.md").read_text(encoding="utf-8")
    links = BADGE.findall(text)
    if not links:
        problems.append("README has no Binder badge ([![Binder](https://mybinder.org/badge_logo.svg)](...))")
    for link in links:
        url = urllib.parse.urlparse(link)
        query = urllib.parse.parse_qs(url.query)
        if not re.match(r"^/v2/(gh/[^/]+/[^/]+/[^/]+|git/[^/]+/[^/]+)$", url.path):
            problems.append(f"the Binder link {link} does not name a repository and a ref")
        if query.get("urlpath") != ["lab/tree/notebooks"]:
            problems.append(f"the Binder link {link} does not open notebooks/ in JupyterLab "
                            "(?urlpath=lab/tree/notebooks)")
    for heading in ("화면 미리보기", "What you will see"):
        match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
        if not match:
            problems.append(f"README has no section {heading!r}")
            continue
        level = len(match.group(1))
        rest = text[match.end():]
        end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
        section = rest[:end.start()] if end else rest
        if not re.search(r"!\[[^\]]+\]\(docs/screenshot\.png\)", section):
            problems.append(f"the section {heading!r} does not show docs/screenshot.png")
    shot = root / "docs" / "screenshot.png"
    size = _png_size(shot) if shot.is_file() else None
    if size is None:
        problems.append("docs/screenshot.png is missing or not a PNG")
    elif size[0] < 800 or size[1] < 500:
        problems.append(f"docs/screenshot.png is only {size[0]}x{size[1]}")
    return problems


# -- the real files ---------------------------------------------------------------------------

def test_binder_files():
    assert binder_problems(ROOT) == []


def test_readme_binder_badge_and_screenshot():
    assert readme_problems(ROOT) == []


FAKE = """#!/bin/bash
echo "$(basename "$0") $*" >> "$FAKE_LOG"
if [ "$(basename "$0")" = jupyter ] && [ "${1:-}" = --config-dir ]; then echo "$FAKE_CONFIG_DIR"; fi
if [ -n "${FAKE_FAIL:-}" ] && [ "${1:-}" = "$FAKE_FAIL" ]; then exit 3; fi
exit 0
"""


def _run_postbuild(tmp_path, fail=None):
    fake = tmp_path / "bin"
    fake.mkdir()
    for name in ("python", "jupyter"):
        (fake / name).write_text(FAKE)
        (fake / name).chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copy2(ROOT / "postBuild", work / "postBuild")
    env = {"PATH": f"{fake}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(home),
           "FAKE_LOG": str(tmp_path / "calls.log"), "FAKE_CONFIG_DIR": str(home / ".jupyter")}
    if fail:
        env["FAKE_FAIL"] = fail
    result = subprocess.run([str(work / "postBuild")], cwd=work, env=env, capture_output=True, text=True,
                            timeout=60)
    log = tmp_path / "calls.log"
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls, home


def test_postbuild_runs(tmp_path):
    result, calls, home = _run_postbuild(tmp_path)
    assert result.returncode == 0, result.stderr
    assert any(re.match(r"python -m pip install .*-e \.$", c) for c in calls), calls
    for name in LAB_DISABLED:
        disable = [i for i, c in enumerate(calls) if c.startswith("jupyter labextension disable") and c.endswith(name)]
        lock = [i for i, c in enumerate(calls) if c.startswith("jupyter labextension lock") and c.endswith(name)]
        assert disable and lock and min(lock) > min(disable), calls
    for name in SERVER_DISABLED:
        assert any(c.startswith("jupyter server extension disable") and c.endswith(name) for c in calls), calls
    assert not any(name in c for c in calls for name in STUDENT_KEEPS), calls


def test_postbuild_stops_at_a_failing_command(tmp_path):
    result, calls, home = _run_postbuild(tmp_path, fail="labextension")
    assert result.returncode != 0
    assert calls[-1].startswith("jupyter labextension"), calls
    assert not any(c.startswith("jupyter server extension") for c in calls), calls


# the real `jupyter labextension`, at the user level of a private config folder instead of sys_prefix
REAL = """#!/bin/bash
echo "$(basename "$0") $*" >> "$FAKE_LOG"
if [ "$(basename "$0")" = jupyter ] && [ "${1:-}" = labextension ]; then
    args=()
    for a in "$@"; do [ "$a" = --level=sys_prefix ] && a=--level=user; args+=("$a"); done
    exec "$REAL_JUPYTER" "${args[@]}"
fi
exit 0
"""


def test_postbuild_locks_the_plugins_for_real(tmp_path):
    real = Path(sys.executable).parent / "jupyter"
    if not real.exists():
        pytest.skip(f"no jupyter next to {sys.executable}")
    fake = tmp_path / "bin"
    fake.mkdir()
    for name in ("python", "jupyter"):
        (fake / name).write_text(REAL)
        (fake / name).chmod(0o755)
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copy2(ROOT / "postBuild", work / "postBuild")
    config = tmp_path / "config"
    env = {"PATH": f"{fake}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(tmp_path),
           "FAKE_LOG": str(tmp_path / "calls.log"), "REAL_JUPYTER": str(real), "JUPYTER_CONFIG_DIR": str(config)}
    result = subprocess.run([str(work / "postBuild")], cwd=work, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    import json

    page = json.loads((config / "labconfig" / "page_config.json").read_text())
    for name in LAB_DISABLED:
        assert page.get("disabledExtensions", {}).get(name) is True, page
        assert page.get("lockedExtensions", {}).get(name) is True, page
    assert "@jupyter/nbgrader:validate-assignment" not in page.get("disabledExtensions", {}), page


# -- the checks can fail --------------------------------------------------------------------------

@pytest.fixture
def copy(tmp_path):
    for name in ("postBuild", "environment.yml", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    if (ROOT / "docs" / "screenshot.png").is_file():
        shutil.copy2(ROOT / "docs" / "screenshot.png", tmp_path / "docs" / "screenshot.png")
    return tmp_path


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("break_it, expected", [
    (lambda r: (r / "postBuild").chmod(0o644), "not executable"),
    (lambda r: _edit(r / "postBuild", "set -euo pipefail", "set -uo pipefail"), "set -e"),
    (lambda r: _edit(r / "postBuild", "#!/bin/bash", "#!/bin/sh"), "#!/bin/bash"),
    (lambda r: _edit(r / "postBuild", "python -m pip install --no-deps --no-input -e .", "true"),
     "does not install the repository"),
    (lambda r: _edit(r / "postBuild", "disable --level=sys_prefix @jupyter/nbgrader:formgrader", "list"),
     "lab extension @jupyter/nbgrader:formgrader"),
    (lambda r: _edit(r / "postBuild", "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:menu"),
     "@jupyter/nbgrader:create-assignment"),
    (lambda r: _edit(r / "postBuild", "--sys-prefix nbgrader.server_extensions.formgrader\n", "--sys-prefix x\n"),
     "server extension nbgrader.server_extensions.formgrader"),
    (lambda r: _edit(r / "postBuild", "@jupyter/nbgrader:course-list\n", "@jupyter/nbgrader:validate-assignment\n"),
     "disables @jupyter/nbgrader:validate-assignment"),
    (lambda r: _edit(r / "postBuild", "lock --level=sys_prefix @jupyter/nbgrader:create-assignment", "list"),
     "does not lock the lab extension @jupyter/nbgrader:create-assignment"),
    (lambda r: _edit(r / "postBuild", "lock --level=sys_prefix @jupyter/nbgrader:assignment-list", "list"),
     "does not lock the lab extension @jupyter/nbgrader:assignment-list"),
    (lambda r: _edit(r / "postBuild", "--sys-prefix nbgrader.server_extensions.assignment_list", "--sys-prefix x"),
     "server extension nbgrader.server_extensions.assignment_list"),
    (lambda r: _edit(r / "environment.yml", "nbgrader>=0.9.5,<0.10", "nbgrader>=0.9,<0.10"),
     "environment.yml: environment.yml has nbgrader"),
    (lambda r: (r / "binder").mkdir(), "binder/ exists"),
    (lambda r: (r / "environment.yml").unlink(), "environment.yml is not at the top level"),
])
def test_binder_check_catches(copy, break_it, expected):
    break_it(copy)
    problems = binder_problems(copy)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("break_it, expected", [
    (lambda r: _edit(r / "README.md", "urlpath=lab/tree/notebooks", "urlpath=lab"), "does not open notebooks/"),
    (lambda r: _edit(r / "README.md", "https://mybinder.org/badge_logo.svg", "binder.svg"), "no Binder badge"),
    (lambda r: _edit(r / "README.md", "### What you will see", "### Screens"), "'What you will see'"),
    (lambda r: _edit(r / "README.md", "(docs/screenshot.png)", "(docs/other.png)"), "does not show docs/screenshot"),
    (lambda r: (r / "docs" / "screenshot.png").write_bytes(b"GIF89a"), "not a PNG"),
])
def test_readme_check_catches(copy, break_it, expected):
    break_it(copy)
    problems = readme_problems(copy)
    assert any(expected in p for p in problems), problems
