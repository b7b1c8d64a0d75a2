"""``python -m grader collect``: bring submissions into the course, from a folder or a zip.

Layouts understood (decided file by file):

* nbgrader's: ``<student>/<assignment>/<notebook>.ipynb`` (plus other files,
  ``timestamp.txt`` included);
* one folder per student: ``<student>/<notebook>.ipynb`` (Moodle names the
  folders ``<name>_<id>_assignsubmission_file_``: the suffix is dropped);
* an LMS flat download: ``<student><sep><notebook>.ipynb`` with ``_``, ``-``
  or a space as separator, e.g. ``김철수_01_requires_grad.ipynb`` or Canvas'
  ``kimcs_LATE_1234_5678_01_requires_grad.ipynb``.  ``--student-regex`` with a
  ``(?P<student>...)`` group overrides the guess.

Student ids may be Korean and contain spaces (normalised to Unicode NFC, since
macOS writes Hangul decomposed).  Zip names stored in CP949 (Windows' Korean
zip tools) are decoded too.

Safety: a zip is checked *before anything is written*.  An entry with an
absolute path, a drive letter, a ``..`` component or a symlink, or an archive
that would unpack to more than ``--max-bytes``, rejects the whole archive with
a message naming the entries.  Every destination is resolved and must lie in
``<course>/submitted/``.
"""
import hashlib
import os
import re
import stat
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .course import CourseError

JUNK_PARTS = {"__MACOSX", ".DS_Store", ".ipynb_checkpoints", "__pycache__", "Thumbs.db", "desktop.ini"}
MAX_BYTES = 512 << 20          # whole archive, uncompressed
MAX_FILE = 64 << 20            # one file
MOODLE_SUFFIX = re.compile(r"_\d+_assignsubmission_(?:file|onlinetext)_?$", re.I)
LMS_IDS = re.compile(r"(?:[_\- ](?:LATE|late))?(?:[_\- ]\d{3,})+$")
COPY_SUFFIX = re.compile(r"\s*(?:\(\d+\)|-\s*복사본|-\s*copy|_copy|\s+copy)$", re.I)


class UnsafeArchive(CourseError):
    """An archive that tries to write outside its folder (zip slip) or is too big."""


@dataclass
class Entry:
    parts: tuple            # path components, NFC
    size: int
    mtime: float
    read: object            # () -> bytes
    origin: str             # for messages


@dataclass
class Report:
    imported: list = field(default_factory=list)     # (student, assignment, filename, state)
    skipped: list = field(default_factory=list)      # (origin, reason)

    @property
    def students(self):
        return sorted({s for s, *_ in self.imported})


def _nfc(text):
    return unicodedata.normalize("NFC", text)


def _zip_name(info):
    """The member name, decoded like a Korean Windows user would expect."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for enc in ("utf-8", "cp949"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return name


def _unsafe_reason(name):
    if "\x00" in name:
        return "NUL 문자 / NUL byte"
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return "절대 경로 / absolute path"
    if any(p == ".." for p in norm.split("/")):
        return "상위 폴더(..) / parent directory (..)"
    return None


def zip_entries(path, max_bytes=MAX_BYTES, max_file=MAX_FILE):
    """Entries of a zip, or :class:`UnsafeArchive` (raised before anything is extracted)."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CourseError(f"zip 파일을 열 수 없습니다 / not a valid zip file: {path} ({exc})") from exc
    bad, total, entries = [], 0, []
    for info in zf.infolist():
        name = _zip_name(info)
        reason = _unsafe_reason(name)
        mode = (info.external_attr >> 16) & 0o170000
        if reason is None and mode == stat.S_IFLNK:
            reason = "심볼릭 링크 / symbolic link"
        if reason is None and info.file_size > max_file:
            reason = f"파일이 너무 큽니다 / file too large ({info.file_size} bytes)"
        if reason:
            bad.append(f"  {name!r}: {reason}")
            continue
        total += info.file_size
        if info.is_dir():
            continue
        parts = tuple(_nfc(p) for p in name.replace("\\", "/").split("/") if p not in ("", "."))
        t = time.mktime(info.date_time + (0, 0, -1)) if info.date_time else 0.0
        entries.append(Entry(parts, info.file_size, t, (lambda i=info: _read_member(zf, i, max_file)), name))
    if total > max_bytes:
        bad.append(f"  (전체 / total): 압축을 풀면 {total} bytes로 너무 큽니다 / would unpack to {total} bytes")
    if bad:
        zf.close()
        raise UnsafeArchive(
            f"안전하지 않은 zip이라 아무것도 가져오지 않았습니다 / refusing unsafe archive {path} "
            f"(nothing was written):\n" + "\n".join(bad[:20]) + ("\n  ..." if len(bad) > 20 else ""))
    return entries, zf


def _read_member(zf, info, max_file):
    with zf.open(info) as f:
        data = f.read(max_file + 1)
    if len(data) > max_file:
        raise UnsafeArchive(f"{info.filename}: 실제 크기가 너무 큽니다 / larger than announced")
    return data


def folder_entries(root):
    root = Path(root)
    entries, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for d in list(dirnames):
            if os.path.islink(os.path.join(dirpath, d)):
                skipped.append((os.path.join(dirpath, d), "심볼릭 링크는 따라가지 않습니다 / symlinks are not followed"))
                dirnames.remove(d)
        for fn in filenames:
            full = Path(dirpath) / fn
            rel = full.relative_to(root)
            if full.is_symlink():
                skipped.append((str(rel), "심볼릭 링크는 가져오지 않습니다 / symlinks are not imported"))
                continue
            st_ = full.stat()
            entries.append(Entry(tuple(_nfc(p) for p in rel.parts), st_.st_size, st_.st_mtime,
                                 (lambda p=full: p.read_bytes()), str(rel)))
    return entries, skipped


def clean_student(raw):
    s = _nfc(raw).strip()
    while True:
        before = s
        s = s.strip(" _-.")
        s = MOODLE_SUFFIX.sub("", s)
        s = LMS_IDS.sub("", s)
        if s == before:
            return s


def valid_student(s):
    if not s or s in (".", "..") or s.startswith(".") or len(s) > 100:
        return False
    return not any(ch in s for ch in "/\\\x00") and s == s.strip() and all(ch.isprintable() for ch in s)


def _match_notebook(stem, names):
    """``(notebook, prefix)`` if a known notebook name ends ``stem`` (copy suffixes allowed)."""
    base = COPY_SUFFIX.sub("", _nfc(stem))
    for name in sorted(names, key=len, reverse=True):
        if base == name:
            return name, ""
        if base.endswith(name):
            prefix = base[: -len(name)]
            if not prefix or prefix[-1] in "_- .":
                return name, prefix
    for name in sorted(names, key=len, reverse=True):        # the name in the middle: <x>_<notebook>_<y>
        m = re.search(r"(?:^|[_\- .])" + re.escape(name) + r"(?:$|[_\- .])", base)
        if m:
            return name, base[: m.start() + 1] if m.start() else ""
    return None, None


def collect(course, source, assignment=None, layout="auto", student_regex=None, dry_run=False,
            max_bytes=MAX_BYTES):
    """Import ``source`` (a folder or a .zip) into ``<course>/submitted``; returns a :class:`Report`."""
    source = Path(source)
    report = Report()
    zf = None
    if source.is_file():
        if not zipfile.is_zipfile(source):
            raise CourseError(f"폴더나 zip 파일이 아닙니다 / not a folder or a zip file: {source}")
        entries, zf = zip_entries(source, max_bytes=max_bytes)
    elif source.is_dir():
        entries, skipped = folder_entries(source)
        report.skipped += skipped
    else:
        raise CourseError(f"찾을 수 없습니다 / not found: {source}")
    try:
        _collect(course, entries, report, assignment, layout, student_regex, dry_run)
    finally:
        if zf is not None:
            zf.close()
    return report


def _collect(course, entries, report, assignment, layout, student_regex, dry_run):
    index = course.notebook_index()            # notebook name -> assignment
    assignments = set(course.assignments())
    if assignment and assignment not in assignments:
        raise CourseError(f"소스에 없는 과제입니다 / unknown assignment: {assignment}")
    pattern = re.compile(student_regex) if student_regex else None
    entries = [e for e in entries if not (set(e.parts) & JUNK_PARTS) and not e.parts[-1].startswith("._")]

    plan = {}   # destination -> (entry, student, assignment, filename)
    for e in entries:
        name = e.parts[-1]
        is_nb = name.lower().endswith(".ipynb")
        student = a = filename = None
        if (layout in ("auto", "nbgrader")) and len(e.parts) >= 3 and e.parts[-2] in assignments:
            student, a, filename = e.parts[-3], e.parts[-2], name
        elif layout == "nbgrader":
            report.skipped.append((e.origin, "nbgrader 구조가 아닙니다 / not <student>/<assignment>/<file>"))
            continue
        elif not is_nb:
            continue                                  # stray files outside the nbgrader layout
        else:
            stem = name[:-6]
            nb, prefix = _match_notebook(stem, index)
            if pattern:
                m = pattern.search(_nfc(name))
                student = clean_student(m.group("student")) if m else None
            elif layout == "flat" or (layout == "auto" and (len(e.parts) == 1 or prefix)):
                student = clean_student(prefix) if nb is not None else None     # <student>_<notebook>.ipynb
            elif len(e.parts) >= 2:
                student = clean_student(e.parts[-2])                             # <student>/<notebook>.ipynb
            if nb is not None:
                a, filename = index[nb], f"{nb}.ipynb"
            elif assignment:
                a, filename = assignment, name         # autograde reports it as renamed
            else:
                report.skipped.append((e.origin, "어느 과제의 노트북인지 모릅니다 (--assignment로 지정) / "
                                                 "no known notebook name (give --assignment)"))
                continue
        if assignment and a != assignment:
            continue
        if not student or not valid_student(student):
            report.skipped.append((e.origin, f"학생 ID를 알 수 없거나 쓸 수 없습니다 / no usable student id ({student!r})"))
            continue
        if not valid_student(a) or _unsafe_reason("/".join(e.parts)) or filename in ("", ".", ".."):
            report.skipped.append((e.origin, "안전하지 않은 경로 / unsafe path"))
            continue
        dest = course.submitted_dir / student / a / filename
        resolved = dest.resolve() if dest.exists() else (course.submitted_dir.resolve() / student / a / filename)
        try:
            resolved.relative_to(course.submitted_dir.resolve())
        except ValueError:
            report.skipped.append((e.origin, "강좌 폴더 밖을 가리킵니다 / points outside the course folder"))
            continue
        key = (student, a, filename)
        if key in plan:
            other = plan[key][0]
            keep, drop = (e, other) if e.mtime >= other.mtime else (other, e)
            report.skipped.append((drop.origin, f"같은 학생의 더 최근 제출({keep.origin})을 씁니다 / "
                                                f"a newer copy from the same student is used ({keep.origin})"))
            if keep is other:
                continue
        plan[key] = (e, dest)

    for (student, a, filename), (e, dest) in sorted(plan.items()):
        data = e.read()
        state = "new"
        if dest.exists():
            if hashlib.sha256(dest.read_bytes()).digest() == hashlib.sha256(data).digest():
                report.imported.append((student, a, filename, "unchanged"))
                continue
            state = "updated"
        if not dry_run:
            _safe_write(course, dest, data, e.mtime)
        report.imported.append((student, a, filename, state))


def _safe_write(course, dest, data, mtime):
    base = course.submitted_dir.resolve()
    parent = dest.parent
    parent.mkdir(parents=True, exist_ok=True)
    real = parent.resolve()
    real.relative_to(base)                     # raises if a symlinked folder points elsewhere
    if dest.is_symlink():
        dest.unlink()
    tmp = real / f".{dest.name}.part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, real / dest.name)
    if mtime:
        try:
            os.utime(real / dest.name, (mtime, mtime))
        except OSError:
            pass


def format_report(report, dry_run=False):
    lines = []
    verb = "가져올" if dry_run else "가져온"
    counts = {}
    for *_, state in report.imported:
        counts[state] = counts.get(state, 0) + 1
    lines.append(f"{verb} 파일 {len(report.imported)}개, 학생 {len(report.students)}명 "
                 f"(새 파일 {counts.get('new', 0)}, 바뀐 파일 {counts.get('updated', 0)}, "
                 f"같은 파일 {counts.get('unchanged', 0)}) / "
                 f"{len(report.imported)} file(s) for {len(report.students)} student(s)"
                 f"{' (dry run)' if dry_run else ''}")
    for student, a, filename, state in report.imported:
        lines.append(f"  {state:9s} {student} / {a} / {filename}")
    if report.skipped:
        lines.append(f"건너뛴 항목 {len(report.skipped)}개 / skipped {len(report.skipped)}:")
        for origin, reason in report.skipped:
            lines.append(f"  {origin}: {reason}")
    return "\n".join(lines)


__all__ = ["collect", "format_report", "UnsafeArchive", "Report", "clean_student", "zip_entries"]
