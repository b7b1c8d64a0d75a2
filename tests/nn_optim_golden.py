"""The nn/optim golden cases, shared by test_nn.py and test_optim.py.

``recorder`` is ``golden/record_nn_optim.py`` (the cases and the comparison; it
imports no torch) and ``GOLDEN`` what PyTorch 2.13 gave for each case.
"""
import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load_recorder():
    spec = importlib.util.spec_from_file_location("_golden_record_nn_optim",
                                                  GOLDEN_DIR / "record_nn_optim.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recorder = _load_recorder()
GOLDEN = json.loads((GOLDEN_DIR / "nn_optim.json").read_text(encoding="utf-8"))["cases"]


def check_matches_pytorch(engine, name):
    if name not in recorder.CASES:
        pytest.fail(f"{name} is recorded but no longer in record_nn_optim.py: re-record", pytrace=False)
    actual = recorder.run_case(engine, name)
    problems = recorder.compare(GOLDEN[name], actual)
    assert not problems, f"{name} differs from PyTorch 2.13:\n" + "\n".join(problems)
