"""One term per concept in all ten lessons (issue 13 §3, docs/glossary.md).

docs/glossary.md's tables have a column "쓰지 않는 말": the variants the course
rules out, separated by `` · ``; a term written ``/…/`` is a regular expression.
None of them may appear in

* the markdown cells of the lessons (text outside code spans, code blocks and
  block quotes: a quote is the seed author's own words);
* the Korean strings of the grader's feedback (grader/checks.py, grader/observe.py);
* the Korean strings and comments of the lessons' test cells (hidden tests too).

A failure names the lesson, the cell, the term found and the term to use instead.
"""
import ast
import io
import json
import re
import sys
import tokenize
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.release import source_notebook, source_slugs  # noqa: E402

GLOSSARY = ROOT / "docs" / "glossary.md"
FEEDBACK_MODULES = [ROOT / "grader" / "checks.py", ROOT / "grader" / "observe.py"]
SLUGS = source_slugs()
HANGUL = re.compile(r"[가-힣]")

_md = MarkdownIt("commonmark")


# -- the glossary ---------------------------------------------------------------------------

def _cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def load_rules(text):
    """(English, 쓰는 말, forbidden term as written, compiled pattern) for every forbidden term."""
    rules = []
    columns = None
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = _cells(line)
        if "쓰지 않는 말" in cells:
            columns = (cells.index("English"), cells.index("쓰는 말"), cells.index("쓰지 않는 말"))
            continue
        if columns is None or set(line) <= set("|-: "):
            continue
        english, use, banned = (cells[i] for i in columns)
        for term in (t.strip() for t in banned.split(" · ")):
            if not term:
                continue
            if len(term) > 2 and term.startswith("/") and term.endswith("/"):
                pattern = re.compile(term[1:-1])
            else:
                pattern = re.compile(re.escape(term), re.IGNORECASE)
            rules.append((english, use, term, pattern))
    return rules


RULES = load_rules(GLOSSARY.read_text(encoding="utf-8"))


def find_terms(text):
    """(forbidden term, term to use, the text found) for each term found in ``text``.

    A match inside a longer match of another term ("야코비안" in "벡터-야코비안 곱")
    is reported once, as the longer term.
    """
    hits = []
    for english, use, term, pattern in RULES:
        spans = [m.span() for m in pattern.finditer(text)]
        if spans:
            hits.append((term, use if use != "(쓰지 않음)" else f"(쓰지 않음: {english})", spans))
    found = []
    for term, use, spans in hits:
        inside = lambda a, b: any(c <= a and b <= d and (c, d) != (a, b)  # noqa: E731
                                  for other, _, others in hits if other != term for c, d in others)
        outer = [(a, b) for a, b in spans if not inside(a, b)]
        if outer:
            found.append((term, use, text[outer[0][0]:outer[0][1]]))
    return found


# -- where students read Korean ----------------------------------------------------------------

def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def markdown_prose(text):
    """The text a reader sees, outside code spans, code blocks and block quotes."""
    pieces = []
    quoted = 0
    for token in _md.parse(text):
        if token.type == "blockquote_open":
            quoted += 1
        elif token.type == "blockquote_close":
            quoted -= 1
        elif token.type == "inline" and not quoted:
            words = []
            for child in token.children or []:
                if child.type == "text":
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
                elif child.type == "code_inline":
                    words.append(" ")   # a code span is not a word of the sentence
            pieces.append("".join(words))
    return "\n".join(pieces)


def korean_strings_and_comments(code, comments=True):
    """Korean string literals (not docstrings) and comments of Python ``code``."""
    found = []
    cleaned = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())
    try:
        tree = ast.parse(cleaned)
    except SyntaxError:
        tree = None
    if tree is not None:
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if HANGUL.search(node.value):
                    found.append(node.value)
    if comments:
        try:
            for tok in tokenize.generate_tokens(io.StringIO(cleaned).readline):
                if tok.type == tokenize.COMMENT and HANGUL.search(tok.string):
                    found.append(tok.string)
        except (tokenize.TokenError, SyntaxError):
            pass
    return found


def _is_tests(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell["cell_type"] == "code" and meta.get("grade") and not meta.get("solution")


def _problems(where, texts):
    return [f"{where}: '{found}'" + (f" (rule {term})" if term != found else "") + f" — 쓰는 말: {use}"
            for text in texts for term, use, found in find_terms(text)]


@pytest.mark.parametrize("slug", SLUGS)
def test_lesson_uses_the_glossary(slug):
    with open(source_notebook(slug), encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    problems = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            problems += _problems(f"{slug} cell {index} (markdown)", [markdown_prose(_source(cell))])
        elif _is_tests(cell):
            problems += _problems(f"{slug} cell {index} (test cell)", korean_strings_and_comments(_source(cell)))
    assert not problems, f"{len(problems)} words that docs/glossary.md rules out:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", [p for p in FEEDBACK_MODULES if p.is_file()], ids=lambda p: p.name)
def test_feedback_uses_the_glossary(path):
    problems = _problems(f"{path.relative_to(ROOT)}",
                         korean_strings_and_comments(path.read_text(encoding="utf-8"), comments=False))
    assert not problems, f"{len(problems)} words that docs/glossary.md rules out:\n" + "\n".join(problems)


# -- the test itself ---------------------------------------------------------------------------

def test_glossary_is_read():
    terms = {term for _, _, term, _ in RULES}
    assert len(RULES) >= 30
    assert {"그래디언트", "잎 노드", "야코비안", "채점 셀", "돌려줍니다"} <= terms
    uses = {term: use for _, use, term, _ in RULES}
    assert uses["잎 노드"] == "잎 텐서" and uses["야코비안"] == "야코비 행렬"


@pytest.mark.parametrize("text, found", [
    ("역전파 중 **잎 노드**(leaf)에 기울기가 쌓입니다.", ["잎 노드"]),
    ("### 연습 2 (3점)", ["/(?<!d2l )(?<!절의 )연습 (문제 )?\\d/"]),
    ("연습 문제 2를 푸세요", ["/(?<!d2l )(?<!절의 )연습 (문제 )?\\d/"]),
    ("## `a`가 벡터라면? (d2l 연습 3)", []),          # d2l's exercise, not ours
    ("2.5절의 연습 문제 3, 4, 1번을 풉니다", []),
    ("즉 **벡터-야코비안 곱**(VJP)과 야코비안", ["야코비안", "벡터-야코비안 곱"]),
    ("즉 **벡터-야코비안 곱**(VJP)", ["벡터-야코비안 곱"]),
    ("06 노트북에서 본 것처럼", ["/\\d\\d 노트북/"]),
    ("Back Propagation이라고도 합니다.", ["back propagation"]),
    ("6강에서 본 것처럼 기울기가 누적됩니다.", []),
    ("x의 변화량이 작을 때", []),            # 변화량 (a change, Δx) is a normal word
    ("연습을 많이 하세요.", []),
])
def test_terms_are_found(text, found):
    assert [term for term, _, _ in find_terms(text)] == found


def test_code_and_quotes_are_not_prose():
    text = "> 튜토리얼 원문: 그래디언트를 구합니다\n\n`# 잎 노드`를 보세요. 잎 텐서입니다.\n\n```\n야코비안\n```"
    assert find_terms(markdown_prose(text)) == []
    assert find_terms(markdown_prose("그래디언트를 구합니다")) == [("그래디언트", "기울기", "그래디언트")]
    assert find_terms("### 연습 2 (3점)")[0][2] == "연습 2"


def test_feedback_strings_are_read():
    code = ('def f():\n    """잎 노드 (a docstring)."""\n    # 잎 노드: a comment\n'
            '    raise AssertionError(f"{x}가 잎 노드(leaf)가 아닙니다")\n')
    assert [t for t in korean_strings_and_comments(code, comments=False) if "잎 노드" in t] == ["가 잎 노드(leaf)가 아닙니다"]
    assert len([t for t in korean_strings_and_comments(code) if "잎 노드" in t]) == 2
