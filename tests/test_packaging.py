"""pyproject.toml and environment.yml must describe the same environment.

pip users (`make lab`, `make test`) install from pyproject.toml; conda and
Binder users build from environment.yml. The checks live in
`packaging_problems`, which returns a list of human-readable problems; the
real files must give none, and hand-made broken variants must each give the
expected one (so the check itself is known to be able to fail).
"""

from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

# PyPI name -> conda-forge name, where they differ.
PYPI_TO_CONDA = {"graphviz": "python-graphviz"}
# conda-only entries environment.yml must have besides the runtime packages:
# the pinned interpreter, pip (for the pip: section) and the Graphviz program
# (conda-forge's `graphviz`, which provides `dot`).
CONDA_EXTRAS = {"python", "pip", "graphviz"}
REQUIRED_RUNTIME = {"numpy", "matplotlib", "graphviz", "jupyterlab", "nbgrader"}

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(?:;.*)?$")


def _norm_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> tuple[str, frozenset[str]]:
    """'numpy >=2.2, <2.5' -> ('numpy', {'>=2.2', '<2.5'}); works for pip and conda syntax."""
    m = _REQ.match(text)
    if not m:
        raise ValueError(f"cannot parse requirement {text!r}")
    name, spec = m.groups()
    parts = frozenset(p.replace(" ", "") for p in spec.split(",") if p.strip())
    return _norm_name(name), parts


def load_pyproject(text: str | None = None) -> dict:
    if text is None:
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_environment(text: str | None = None) -> dict:
    if text is None:
        text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def packaging_problems(pyproject: dict, env: dict) -> list[str]:
    problems: list[str] = []
    project = pyproject.get("project", {})

    requires_python = str(project.get("requires-python", "")).replace(" ", "")
    if requires_python != ">=3.10":
        problems.append(f"pyproject requires-python is {requires_python!r}, expected '>=3.10'")

    runtime: dict[str, frozenset[str]] = {}
    for req in project.get("dependencies", []):
        name, spec = parse_requirement(req)
        runtime[name] = spec
        if not any(s.startswith(">=") for s in spec) or not any(s.startswith("<") for s in spec):
            problems.append(f"pyproject dependency {req!r} needs a range with a lower (>=) and an upper (<) bound")
    missing = REQUIRED_RUNTIME - runtime.keys()
    if missing:
        problems.append(f"pyproject dependencies lack {sorted(missing)}")

    if env.get("channels") != ["conda-forge"]:
        problems.append(f"environment.yml channels are {env.get('channels')!r}, expected ['conda-forge']")

    conda: dict[str, frozenset[str]] = {}
    pip_sections: list[list] = []
    for dep in env.get("dependencies", []):
        if isinstance(dep, dict):
            if set(dep) == {"pip"} and isinstance(dep["pip"], list):
                pip_sections.append(dep["pip"])
            else:
                problems.append(f"environment.yml has an unexpected entry {dep!r}")
            continue
        name, spec = parse_requirement(str(dep))
        if name in conda:
            problems.append(f"environment.yml lists {name} twice")
        conda[name] = spec

    if conda.get("python") != frozenset({"=3.11"}):
        problems.append(f"environment.yml must pin python=3.11, has {sorted(conda.get('python', []))!r}")
    for name in ("pip", "graphviz"):
        if name not in conda:
            problems.append(f"environment.yml lacks the conda package {name!r}")

    expected = {PYPI_TO_CONDA.get(name, name): spec for name, spec in runtime.items()}
    for name, spec in expected.items():
        if name not in conda:
            problems.append(f"environment.yml lacks {name} (pyproject: {sorted(spec)})")
        elif conda[name] != spec:
            problems.append(f"environment.yml has {name} {sorted(conda[name])}, pyproject has {sorted(spec)}")
    for name in sorted(conda.keys() - expected.keys() - CONDA_EXTRAS):
        problems.append(f"environment.yml lists {name}, which pyproject's dependencies do not")

    if len(pip_sections) != 1:
        problems.append(f"environment.yml needs exactly one pip: section, has {len(pip_sections)}")
    elif not any(str(line).split() in (["-e", "."], ["."]) for line in pip_sections[0]):
        problems.append(f"environment.yml's pip: section does not install the repository: {pip_sections[0]!r}")

    return problems


# --- the real files ------------------------------------------------------------


def test_pyproject_and_environment_agree():
    assert packaging_problems(load_pyproject(), load_environment()) == []


def test_packages_are_discovered():
    find = load_pyproject()["tool"]["setuptools"]["packages"]["find"]
    assert "autograd_core*" in find["include"]
    assert "grader*" in find["include"]


def test_test_extra_has_the_suite_tools():
    extra = {parse_requirement(r)[0] for r in load_pyproject()["project"]["optional-dependencies"]["test"]}
    assert {"pytest", "hypothesis", "pyyaml"} <= extra


def test_ci_script_runs_make_test():
    run = ROOT / ".ci" / "run"
    text = run.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text
    assert re.search(r"^make test\s*$", text, re.M)
    assert os.access(run, os.X_OK), ".ci/run must be executable"


def test_makefile_has_the_commands():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "test", "bench"):
        assert re.search(rf"^{target}:", text, re.M), target


# --- the check itself can fail -------------------------------------------------


def _mutated(mutate):
    pyproject, env = load_pyproject(), load_environment()
    pyproject, env = copy.deepcopy(pyproject), copy.deepcopy(env)
    mutate(pyproject, env)
    return packaging_problems(pyproject, env)


def _replace_conda(env, name, new):
    deps = env["dependencies"]
    for i, dep in enumerate(deps):
        if isinstance(dep, str) and parse_requirement(dep)[0] == name:
            if new is None:
                del deps[i]
            else:
                deps[i] = new
            return
    raise AssertionError(f"{name} not in environment.yml")


def _replace_pypi(pyproject, name, new):
    deps = pyproject["project"]["dependencies"]
    for i, dep in enumerate(deps):
        if parse_requirement(dep)[0] == name:
            deps[i] = new
            return
    raise AssertionError(f"{name} not in pyproject.toml")


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda p, e: _replace_conda(e, "numpy", "numpy>=2.2,<2.6"), "environment.yml has numpy"),
        (lambda p, e: _replace_pypi(p, "matplotlib", "matplotlib>=3.10,<3.13"), "environment.yml has matplotlib"),
        (lambda p, e: _replace_conda(e, "python-graphviz", None), "environment.yml lacks python-graphviz"),
        (lambda p, e: _replace_conda(e, "python-graphviz", "graphviz>=0.20,<0.22"), "lists graphviz twice"),
        (lambda p, e: _replace_conda(e, "graphviz", None), "lacks the conda package 'graphviz'"),
        (lambda p, e: _replace_conda(e, "python", "python=3.12"), "must pin python=3.11"),
        (lambda p, e: _replace_conda(e, "python", "python>=3.11"), "must pin python=3.11"),
        (lambda p, e: e["dependencies"].append("scipy"), "lists scipy"),
        (lambda p, e: p["project"]["dependencies"].append("scipy>=1,<2"), "lacks scipy"),
        (lambda p, e: _replace_pypi(p, "nbgrader", "nbgrader"), "needs a range"),
        (lambda p, e: p["project"].__setitem__("requires-python", ">=3.11"), "requires-python"),
        (lambda p, e: e.__setitem__("channels", ["defaults"]), "channels"),
        (lambda p, e: e["dependencies"][-1].__setitem__("pip", ["numpy"]), "does not install the repository"),
        (lambda p, e: e["dependencies"].pop(), "exactly one pip: section"),
    ],
)
def test_check_catches(mutate, expected):
    problems = _mutated(mutate)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("numpy>=2.2,<2.5", ("numpy", {">=2.2", "<2.5"})),
        ("numpy >=2.2, <2.5", ("numpy", {">=2.2", "<2.5"})),
        ("python=3.11", ("python", {"=3.11"})),
        ("Python_Graphviz>=0.20", ("python-graphviz", {">=0.20"})),
        ("tomli>=2.0; python_version < '3.11'", ("tomli", {">=2.0"})),
        ("pip", ("pip", set())),
    ],
)
def test_parse_requirement(text, parsed):
    assert parse_requirement(text) == (parsed[0], frozenset(parsed[1]))
