"""A data directory without data: commands that need data refuse it and create nothing;
only commands that bring their own data (demo, import of a new plan, restore) start one."""

from __future__ import annotations

import pytest

from cchc_desktop.paths import default_data_dir
from cchc_desktop.workspace import Workspace
from tests.cchc_desktop.importing.builders import HEADERS, write_xlsx
from tests.cchc_desktop.test_cli import run_cchc


def small_appendix(folder):
    rows = [["CÁC NHIỆM VỤ CCHC NĂM 2025"], HEADERS, ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
            [1, "Xây dựng kế hoạch CCHC", "Văn phòng", "Các bộ phận", "Kế hoạch", "Tháng 01/2025"]]
    return write_xlsx(folder / "phu_luc.xlsx", rows, [(2, 0, 2, 5)])


def everything_under(folder) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


NEEDS_DATA = [
    ["plans"],
    ["tasks", "--plan", "1"],
    ["copy-plan", "--plan", "1", "--year", "2025"],
    ["export", "appendix", "--plan", "1", "--out", "{out}"],
    ["report", "--plan", "1", "--period", "q1", "--out", "{out}"],
    ["backup"],
    ["backup", "--out", "{out}"],
    ["check"],
    ["import", "{file}", "--plan", "1"],
    ["import", "{file}", "--plan", "1", "--dry-run"],
]


@pytest.mark.parametrize("args", NEEDS_DATA, ids=lambda args: " ".join(a for a in args if "{" not in a))
def test_a_mistyped_data_dir_is_refused_and_nothing_is_created(tmp_path, args):
    typo = tmp_path / "du-lieu-go-nham"
    out = tmp_path / "out"
    appendix = small_appendix(tmp_path)
    before = everything_under(tmp_path)
    filled = [arg.format(out=out, file=appendix) for arg in args]
    result = run_cchc("--data-dir", str(typo), *filled)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Lỗi: Không có dữ liệu CCHC Desktop ở thư mục {typo}: hãy kiểm tra lại --data-dir.\n"
    assert everything_under(tmp_path) == before  # no data directory, database, lock, log or output folder


def test_an_existing_folder_without_data_is_refused_and_left_empty(data_dir, tmp_path):
    result = run_cchc("--data-dir", str(data_dir), "export", "appendix", "--plan", "1", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Lỗi: Không có dữ liệu CCHC Desktop ở thư mục {data_dir}: hãy kiểm tra lại --data-dir.")
    assert list(data_dir.iterdir()) == []
    assert not (tmp_path / "out").exists()


def test_the_environment_variable_is_named_when_it_points_at_no_data(tmp_path):
    nowhere = tmp_path / "nowhere"
    result = run_cchc("tasks", "--plan", "1", env_extra={"CCHC_DATA_DIR": str(nowhere)})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Lỗi: Không có dữ liệu CCHC Desktop ở thư mục {nowhere}: "
        "hãy kiểm tra lại biến môi trường CCHC_DATA_DIR.")
    assert not nowhere.exists()


def test_a_new_machine_says_it_has_no_data_yet_until_the_demo_is_loaded(isolated_user_dirs):
    home = default_data_dir()
    assert home.is_relative_to(isolated_user_dirs)  # the test's own user directories, never the real ones
    listed = run_cchc("plans")
    assert listed.returncode == 2
    assert listed.stderr.strip() == (
        f"Lỗi: Chưa có dữ liệu CCHC Desktop trên máy này (thư mục {home}). "
        "Nếu dữ liệu ở thư mục khác, hãy chỉ ra bằng --data-dir.")
    assert not home.exists()
    assert run_cchc("check").returncode == 2 and not home.exists()

    loaded = run_cchc("demo")  # the first use that brings data starts the default data directory, as before
    assert loaded.returncode == 0, loaded.stderr
    assert (home / "cchc.sqlite3").is_file()
    assert run_cchc("plans").stdout.count("\n") == 2  # header and the demo plan


def test_an_empty_database_is_data(data_dir):
    """A database with no plan yet (the window was opened once) is the user's, not a typo."""
    Workspace.open(data_dir).close()
    result = run_cchc("--data-dir", str(data_dir), "plans", "--format", "json")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "[]", "")


def test_import_of_a_new_plan_starts_a_new_data_dir(tmp_path):
    new_place = tmp_path / "new"
    result = run_cchc("--data-dir", str(new_place), "import", str(small_appendix(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert (new_place / "cchc.sqlite3").is_file()
    plan_id = result.stdout.strip().splitlines()[-1]
    listed = run_cchc("--data-dir", str(new_place), "tasks", "--plan", plan_id, "--format", "json")
    assert listed.returncode == 0 and "Xây dựng kế hoạch CCHC" in listed.stdout


def test_a_dry_run_of_a_new_plan_reads_only_the_file(tmp_path):
    new_place = tmp_path / "new"
    result = run_cchc("--data-dir", str(new_place), "import", str(small_appendix(tmp_path)), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Nhiệm vụ: 1" in result.stdout
    assert result.stdout.rstrip().endswith("Chạy thử: chưa ghi gì vào dữ liệu.")
    assert not new_place.exists()


def test_a_file_that_cannot_be_imported_creates_no_data_dir(tmp_path):
    not_a_workbook = tmp_path / "phu-luc.xlsx"
    not_a_workbook.write_bytes(b"not a workbook")
    new_place = tmp_path / "new"
    result = run_cchc("--data-dir", str(new_place), "import", str(not_a_workbook))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Tệp phu-luc.xlsx không phải tệp Excel")
    assert not new_place.exists()  # no empty database that would look like lost plans


def test_restore_onto_a_new_computer_starts_a_new_data_dir(data_dir, tmp_path):
    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    saved = run_cchc("--data-dir", str(data_dir), "backup", "--out", str(usb))
    assert saved.returncode == 0, saved.stderr
    new_computer = tmp_path / "new-computer"
    restored = run_cchc("--data-dir", str(new_computer), "restore", saved.stdout.strip())
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("Đã khôi phục từ ")
    listed = run_cchc("--data-dir", str(new_computer), "plans", "--format", "json")
    assert listed.returncode == 0 and '"tasks": 44' in listed.stdout


def test_portable_mode_without_data_says_so(tmp_path):
    program = tmp_path / "usb" / "CCHC Desktop"
    program.mkdir(parents=True)
    (program / "portable.txt").write_text("")
    result = run_cchc("plans", env_extra={"CCHC_PORTABLE_DIR": str(program)})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Lỗi: Chưa có dữ liệu CCHC Desktop trong bản di động (thư mục {program / 'data'}). "
        "Nếu dữ liệu ở thư mục khác, hãy chỉ ra bằng --data-dir.")
    assert sorted(p.name for p in program.iterdir()) == ["portable.txt"]


def test_restoring_another_units_backup_says_whose_data_it_was(data_dir, tmp_path):
    other = tmp_path / "xa-khac"
    made = run_cchc("--data-dir", str(other), "import", str(small_appendix(tmp_path)), "--year", "2026")
    assert made.returncode == 0, made.stderr
    usb = tmp_path / "usb"
    usb.mkdir()
    saved = run_cchc("--data-dir", str(other), "backup", "--out", str(usb)).stdout.strip()
    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0
    restored = run_cchc("--data-dir", str(data_dir), "restore", saved)
    assert restored.returncode == 0, restored.stderr
    first, warning, *_rest = restored.stdout.splitlines()
    assert first.startswith(f"Đã khôi phục từ {saved} (sao lưu lúc ")
    theirs = first.split(") của ", 1)[1].split(":", 1)[0]
    assert theirs != "Phường 1"
    assert warning == (f"Lưu ý: bản sao lưu này là dữ liệu của {theirs}, không phải của Phường 1 đang dùng. "
                       "Sau khi khôi phục, dữ liệu của Phường 1 chỉ còn trong bản sao lưu trước khi khôi phục.")
