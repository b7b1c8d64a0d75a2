"""Every markdown cell renders as its author meant, under CommonMark (issue 13 §3).

JupyterLab renders markdown by the CommonMark rules, as markdown-it-py does.  A
``**`` run that CommonMark cannot close (``**손실 함수 (loss function)**의``: the
closing ``**`` sits between punctuation and a letter, so it is not "right-flanking")
shows up as literal asterisks.  The dodge of putting a space before the particle
(``**손실 함수 (loss function)** 의``) renders, but is a spacing error.  The fix is
``**손실 함수**(loss function)의``.

For every markdown cell of every source (grader/source/) and released (notebooks/)
notebook:

* no ``**`` or ``__`` is left as literal text outside code spans and code blocks;
* no bold is followed by a space and then a Korean particle.
"""
import json
import re
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.release import release_notebook, source_notebook, source_slugs  # noqa: E402

SLUGS = source_slugs()

# Particles (조사) and copulas that follow a noun directly.  Matched as a whole
# word after the space, longest first.  A lone 이 is left out: "**x** 이 값" (이 =
# "this") is normal Korean.
PARTICLES = ("에서는", "에서도", "에게서", "으로는", "으로도", "으로서", "으로써", "이라는", "이라고", "이라면",
             "입니다", "이에요", "에서", "에게", "에는", "에도", "와는", "과는", "와도", "과도", "으로", "처럼",
             "보다", "까지", "부터", "마다", "라는", "라고", "이다", "이고", "이며", "이란", "이나", "이면",
             "의", "은", "는", "을", "를", "에", "와", "과", "로", "도", "만", "란", "가")
_PARTICLE_AFTER_SPACE = re.compile(r"^[ \t]+(" + "|".join(PARTICLES) + r")(?![가-힣])")

_md = MarkdownIt("commonmark")


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def markdown_cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    return [(i, _source(c)) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


def _lines_of(text, token):
    """The source lines of ``token``'s block (markdown-it gives [first, last) line numbers)."""
    lines = text.splitlines()
    if not token.map:
        return lines
    first, last = token.map
    return lines[first:last]


def _without_code_spans(line):
    return re.sub(r"(`+).*?\1", "", line)


def literal_markup(text):
    """Source lines whose ``**`` or ``__`` CommonMark leaves as literal text."""
    found = []
    for token in _md.parse(text):
        if token.type != "inline":
            continue
        literal = [child.content for child in token.children or [] if child.type == "text"]
        for marker in ("**", "__"):
            if any(marker in piece for piece in literal):
                found += [line for line in _lines_of(text, token) if marker in _without_code_spans(line)]
    return list(dict.fromkeys(found))


def spaced_particles(text):
    """Source lines where a bold span is followed by a space and a Korean particle,
    or where a bold span ending in ``(English)`` is followed by a space and a Korean
    word (``**누적 (accumulate)** 하기``: the space is there only to let the bold
    close; the parenthesis belongs outside: ``**누적**(accumulate)하기``)."""
    found = []
    for token in _md.parse(text):
        if token.type != "inline":
            continue
        children = token.children or []
        for i, (before, after) in enumerate(zip(children, children[1:])):
            if before.type != "strong_close" or after.type != "text":
                continue
            inside = children[i - 1].content if i >= 1 and children[i - 1].type == "text" else ""
            match = _PARTICLE_AFTER_SPACE.match(after.content)
            dodge = inside.endswith(")") and re.match(r"^[ \t]+[가-힣]", after.content)
            if match or dodge:
                word = after.content.split()[0]
                lines = [line for line in _lines_of(text, token) if re.search(r"\*\*[ \t]+" + word, line)]
                found += lines or _lines_of(text, token)
    return list(dict.fromkeys(found))


def _notebooks():
    for slug in SLUGS:
        yield pytest.param(source_notebook(slug), id=f"source-{slug}")
        if release_notebook(slug).is_file():
            yield pytest.param(release_notebook(slug), id=f"release-{slug}")


def _report(path, problems, what):
    lesson = path.parent.name
    lines = [f"{lesson} ({path.relative_to(ROOT)}) cell {i}: {line.strip()}" for i, line in problems]
    return f"{len(lines)} {what}:\n" + "\n".join(lines)


@pytest.mark.parametrize("path", _notebooks())
def test_no_literal_bold_markup(path):
    problems = [(i, line) for i, text in markdown_cells(path) for line in literal_markup(text)]
    assert not problems, _report(
        path, problems, "markdown lines show literal ** or __ under CommonMark "
        "(write **손실 함수**(loss function)의, not **손실 함수 (loss function)**의)")


@pytest.mark.parametrize("path", _notebooks())
def test_no_space_before_particle(path):
    problems = [(i, line) for i, text in markdown_cells(path) for line in spaced_particles(text)]
    assert not problems, _report(
        path, problems, "bold spans followed by a space and a particle "
        "(write **손실 함수**(loss function)의, not **손실 함수 (loss function)** 의)")


# -- the checks themselves ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "**저장한 텐서 (saved tensors)**가 무엇인지",
    "**조각별 선형 (piecewise linear)**입니다.",
    "a **b** c **d",
    "__init (x)__이",
])
def test_literal_markup_is_caught(text):
    assert literal_markup(text) == [text]


@pytest.mark.parametrize("text", [
    "**저장된 텐서**(saved tensors)가 무엇인지",
    "**기울기**는 `a ** 2`의",
    "```python\nx ** 2  # __init__\n```",
    "    y = x ** 2",
    "`__init__`과 **굵게**",
    "**역전파**(backpropagation)를",
])
def test_rendered_markup_passes(text):
    assert literal_markup(text) == []


@pytest.mark.parametrize("text, caught", [
    ("**손실 함수 (loss function)** 의 값", True),
    ("**잎 텐서 (leaf tensor)** 라고 합니다", True),
    ("**누적 (accumulate)** 하기 때문에", True),    # the parenthesis belongs outside the bold
    ("**제자리 (in-place)** 연산", True),
    ("**제자리** 연산이라는", False),
    ("**x** 이 값", False),                        # 이 = "this"
    ("**기울기** 를 구합니다", True),
    ("**손실 함수**(loss function)의 값", False),
    ("**두 번** 부르면", False),
])
def test_spaced_particle_rule(text, caught):
    assert bool(spaced_particles(text)) is caught
