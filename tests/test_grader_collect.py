"""``collect``: layouts, Korean ids, and path traversal refused before anything is written."""
import json
import os
import stat
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import synthetic  # noqa: E402
from grader.collect import UnsafeArchive, clean_student, collect  # noqa: E402
from grader.course import Course, CourseError  # noqa: E402

A = "toy_grad"
NB = json.dumps(synthetic.toy_source_notebook()).encode()


@pytest.fixture
def course(tmp_path):
    synthetic.write_toy_source(tmp_path / "source", A)
    synthetic.write_toy_source(tmp_path / "source", "02_other")
    return Course.open(tmp_path / "home", source=tmp_path / "source")


def submitted(course):
    return sorted(str(p.relative_to(course.submitted_dir)) for p in course.submitted_dir.rglob("*") if p.is_file())


def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_nbgrader_layout_folder(course, tmp_path):
    src = tmp_path / "in"
    for student in ("김철수", "이 영희"):
        (src / student / A).mkdir(parents=True)
        (src / student / A / f"{A}.ipynb").write_bytes(NB)
        (src / student / A / "timestamp.txt").write_text("2026-03-02 10:00:00 KST")
    report = collect(course, src)
    assert report.students == ["김철수", "이 영희"]
    assert submitted(course) == sorted([f"김철수/{A}/{A}.ipynb", f"김철수/{A}/timestamp.txt",
                                        f"이 영희/{A}/{A}.ipynb", f"이 영희/{A}/timestamp.txt"])
    again = collect(course, src)                                   # nothing changed: nothing rewritten
    assert {state for *_, state in again.imported} == {"unchanged"}


def test_lms_flat_zip_with_korean_names(course, tmp_path):
    nfd = unicodedata.normalize("NFD", "박지민")                   # how macOS stores Hangul
    z = make_zip(tmp_path / "lms.zip", {
        f"김철수_{A}.ipynb": NB,
        f"{nfd}-02_other.ipynb": NB,
        f"hong gil dong_LATE_12345_67890_{A}.ipynb": NB,
        "__MACOSX/._junk": b"x",
        f"최 유리_{A} (1).ipynb": NB,
    })
    report = collect(course, z)
    assert set(report.students) == {"김철수", "박지민", "hong gil dong", "최 유리"}
    assert (course.submitted_dir / "박지민" / "02_other" / "02_other.ipynb").is_file()
    assert (course.submitted_dir / "최 유리" / A / f"{A}.ipynb").is_file()


def test_cp949_names_in_a_windows_zip(course, tmp_path):
    """Windows' built-in zip tool stores Korean names in CP949 without the UTF-8 flag."""
    cp949 = f"학생_{A}.ipynb".encode("cp949")
    placeholder = b"X" * (len(cp949) - len(f"_{A}.ipynb")) + f"_{A}.ipynb".encode()
    z = make_zip(tmp_path / "win.zip", {placeholder.decode(): NB})
    raw = z.read_bytes()
    assert raw.count(placeholder) == 2                       # local header + central directory
    z.write_bytes(raw.replace(placeholder, cp949))
    with zipfile.ZipFile(z) as zf:
        assert not zf.infolist()[0].flag_bits & 0x800
    report = collect(course, z)
    assert report.students == ["학생"], report


def test_one_folder_per_student_moodle(course, tmp_path):
    src = tmp_path / "moodle"
    (src / "김철수_12345_assignsubmission_file_").mkdir(parents=True)
    (src / "김철수_12345_assignsubmission_file_" / f"{A}.ipynb").write_bytes(NB)
    (src / "Lee Young_777_assignsubmission_file_").mkdir(parents=True)
    (src / "Lee Young_777_assignsubmission_file_" / "my work.ipynb").write_bytes(NB)
    report = collect(course, src, assignment=A)
    assert report.students == ["Lee Young", "김철수"]
    # a renamed notebook is kept under its own name: autograde reports it as renamed
    assert (course.submitted_dir / "Lee Young" / A / "my work.ipynb").is_file()


def test_student_regex(course, tmp_path):
    z = make_zip(tmp_path / "r.zip", {f"sub-2026-{A}-ID20231234.ipynb": NB})
    report = collect(course, z, student_regex=r"ID(?P<student>\d+)")
    assert report.students == ["20231234"]


@pytest.mark.parametrize("evil", [
    "../evil.ipynb",
    f"student/../../{A}/evil.ipynb",
    "/tmp/evil.ipynb",
    "C:/Windows/evil.ipynb",
    "..\\..\\evil.ipynb",
])
def test_zip_slip_is_refused_and_nothing_is_written(course, tmp_path, evil):
    z = make_zip(tmp_path / "evil.zip", {f"김철수_{A}.ipynb": NB, evil: b"pwned"})
    before = sorted(p for p in tmp_path.rglob("*"))
    with pytest.raises(UnsafeArchive) as err:
        collect(course, z)
    assert "nothing was written" in str(err.value) and "refusing" in str(err.value)
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert submitted(course) == []
    assert not Path("/tmp/evil.ipynb").exists() or Path("/tmp/evil.ipynb").read_bytes() != b"pwned"


def test_symlink_in_zip_is_refused(course, tmp_path):
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"김철수_{A}.ipynb", NB)
        info = zipfile.ZipInfo("s1/toy_grad/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchive):
        collect(course, z)
    assert submitted(course) == []


def test_cli_reports_zip_slip_with_exit_code(course, tmp_path):
    z = make_zip(tmp_path / "evil.zip", {"../../outside.ipynb": NB})
    proc = subprocess.run([sys.executable, "-m", "grader", "--course-dir", str(course.home), "collect", str(z)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "zip slip" not in proc.stdout and "refusing unsafe archive" in proc.stderr
    assert "상위 폴더" in proc.stderr
    assert not (tmp_path / "outside.ipynb").exists() and not (course.home.parent / "outside.ipynb").exists()


def test_folder_symlinks_are_not_followed(course, tmp_path):
    src = tmp_path / "in"
    (src / "김철수" / A).mkdir(parents=True)
    secret = tmp_path / "secret.ipynb"
    secret.write_bytes(NB)
    os.symlink(secret, src / "김철수" / A / f"{A}.ipynb")
    report = collect(course, src)
    assert report.imported == [] and report.skipped
    assert submitted(course) == []


def test_unusable_ids_are_skipped(course, tmp_path):
    z = make_zip(tmp_path / "x.zip", {f"_{A}.ipynb": NB, "random.txt": b"hello"})
    report = collect(course, z)
    assert report.imported == []
    assert any("student id" in reason for _, reason in report.skipped)


def test_course_home_inside_the_repository_is_refused():
    with pytest.raises(CourseError):
        Course.open(ROOT / "tmp-course")


def test_clean_student():
    assert clean_student("김철수_12345_assignsubmission_file_") == "김철수"
    assert clean_student("kim_LATE_123_456_") == "kim"
    assert clean_student(" 이 영희 - ") == "이 영희"
    assert clean_student(unicodedata.normalize("NFD", "한글")) == "한글"
