"""``cchc import`` in a subprocess, as a user or a script runs it."""

import json
import subprocess
import sys
from pathlib import Path

from .builders import HEADERS, write_xlsx

def _cchc(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cchc_desktop.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)


def _small_file(tmp_path) -> Path:
    headers = [*HEADERS[:5], "Thời gian\nhoàn thành"]  # wrapped in its cell, as offices write it
    rows = [["Phụ lục"], ["CÁC NHIỆM VỤ CCHC NĂM 2025"], headers, ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
            [1, "Xây dựng kế hoạch CCHC", "Văn phòng", "Các bộ phận", "Kế hoạch", "Tháng 01/2025"],
            [2, "Kiểm tra công vụ", "", "", "Báo cáo", "Theo chỉ đạo"],
            ["II. CẢI CÁCH THỂ CHẾ"], [3, "Rà soát văn bản", "Tư pháp", "", "Báo cáo", "Quý II năm 2025"]]
    return write_xlsx(tmp_path / "phu_luc.xlsx", rows, [(3, 0, 3, 5), (6, 0, 6, 5)])


def test_dry_run_then_import_then_list_the_tasks(tmp_path):
    data = str(tmp_path / "data")
    path = _small_file(tmp_path)
    dry = _cchc("--data-dir", data, "import", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Nhóm nhiệm vụ: 2" in dry.stdout and "Nhiệm vụ: 3" in dry.stdout
    assert "  dòng 6: Thiếu công chức/cơ quan chủ trì." in dry.stdout
    assert "Cột F: Thời gian hoàn thành → Thời gian hoàn thành" in dry.stdout  # its header wraps in the file
    assert dry.stdout.rstrip().endswith("Chạy thử: chưa ghi gì vào dữ liệu.")
    assert not Path(data).exists()  # a dry run of a new plan opens no database: nothing is created

    done = _cchc("--data-dir", data, "import", str(path))
    assert done.returncode == 0, done.stderr
    # The file's own doubts only: a fresh database raises none about where the tasks go.
    assert [line for line in done.stdout.splitlines() if line.startswith("Cảnh báo:")] == ["Cảnh báo: 2"]

    dry_again = _cchc("--data-dir", data, "import", str(path), "--dry-run")
    assert dry_again.stdout.splitlines()[-2:] == [
        "Cảnh báo: Đơn vị chưa đặt tên đã có kế hoạch năm 2025: nhập vào kế hoạch mới sẽ thành hai kế hoạch "
        "của năm này (để bổ sung kế hoạch đã có, hãy nhập vào chính kế hoạch đó).",
        "Chạy thử: chưa ghi gì vào dữ liệu."]
    plan_id = int(done.stdout.strip().splitlines()[-1])
    plans = json.loads(_cchc("--data-dir", data, "plans", "--format", "json").stdout)
    assert [(p["id"], p["year"], p["tasks"]) for p in plans] == [(plan_id, 2025, 3)]

    tasks = json.loads(_cchc("--data-dir", data, "tasks", "--plan", str(plan_id), "--format", "json").stdout)
    assert [(t["stt"], t["area"], t["content"], t["lead"]) for t in tasks] == [
        (1, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Xây dựng kế hoạch CCHC", "Văn phòng"),
        (2, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Kiểm tra công vụ", ""),
        (3, "CẢI CÁCH THỂ CHẾ", "Rà soát văn bản", "Tư pháp"),
    ]
    assert tasks[0]["due_dates"] == ["2025-01-31"]


def test_append_to_a_plan_and_choose_the_year(tmp_path):
    data = str(tmp_path / "data")
    path = _small_file(tmp_path)
    first = _cchc("--data-dir", data, "import", str(path), "--year", "2026")
    plan_id = first.stdout.strip().splitlines()[-1]
    assert "Năm dùng để đọc thời hạn: 2026." in first.stdout
    again = _cchc("--data-dir", data, "import", str(path), "--plan", plan_id)
    assert again.returncode == 0, again.stderr
    assert ("Cảnh báo: 3 trong 3 nhiệm vụ của tệp đã có trong kế hoạch này (cùng nội dung; dòng 5, 6, 8): "
            "nếu nhập, các nhiệm vụ đó sẽ có hai lần.") in again.stdout.splitlines()
    assert again.stdout.strip().splitlines()[-1] == plan_id
    tasks = json.loads(_cchc("--data-dir", data, "tasks", "--plan", plan_id, "--format", "json").stdout)
    assert [t["stt"] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert [t["content"] for t in tasks][:4] == ["Xây dựng kế hoạch CCHC", "Kiểm tra công vụ",
                                                 "Xây dựng kế hoạch CCHC", "Kiểm tra công vụ"]


def test_bad_file_and_bad_arguments_write_nothing(tmp_path):
    data = str(tmp_path / "data")
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    result = _cchc("--data-dir", data, "import", str(old))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Tệp cu.doc là định dạng Word cũ (.doc)")
    assert "Lưu thành… (Save As)" in result.stderr
    assert not Path(data).exists()  # the file is read before any database is created

    both = _cchc("--data-dir", data, "import", str(_small_file(tmp_path)), "--plan", "1", "--year", "2024")
    assert both.returncode == 2
    assert both.stderr.startswith("Lỗi: chỉ dùng một trong hai tham số --plan và --year.")
    no_table = _cchc("--data-dir", data, "import", str(_small_file(tmp_path)), "--table", "0")
    assert no_table.returncode == 2 and "tham số --table: phải là số nguyên dương" in no_table.stderr
    assert not Path(data).exists()

    assert _cchc("--data-dir", data, "import", str(_small_file(tmp_path))).returncode == 0
    missing_plan = _cchc("--data-dir", data, "import", str(_small_file(tmp_path)), "--plan", "99")
    assert missing_plan.returncode == 2 and "Không có kế hoạch mã 99" in missing_plan.stderr
    plans = json.loads(_cchc("--data-dir", data, "plans", "--format", "json").stdout)
    assert [plan["tasks"] for plan in plans] == [3]  # the refused import wrote nothing


YEAR_WARNING = "  Tệp này là kế hoạch năm 2025 (tiêu đề phụ lục ghi năm 2025; 2/3 nhiệm vụ có thời gian hoàn thành trong năm 2025)"


def test_a_dry_run_into_another_year_warns_about_the_files_year(tmp_path):
    data = str(tmp_path / "data")
    path = _small_file(tmp_path)
    other_year = _cchc("--data-dir", data, "import", str(path), "--year", "2026", "--dry-run")
    assert other_year.returncode == 0, other_year.stderr
    lines = other_year.stdout.splitlines()
    assert "Cảnh báo: 3" in lines
    [warning] = [line for line in lines if line.startswith(YEAR_WARNING)]
    assert ", nhưng đang được nhập vào kế hoạch năm 2026." in warning
    assert "nên 2 nhiệm vụ này sẽ bị tính là quá hạn ngay từ đầu năm 2026." in warning
    assert "hoặc lệnh cchc copy-plan" in warning

    same_year = _cchc("--data-dir", data, "import", str(path), "--year", "2025", "--dry-run")
    assert same_year.returncode == 0, same_year.stderr
    assert "Cảnh báo: 2" in same_year.stdout.splitlines() and "Tệp này là kế hoạch năm" not in same_year.stdout

    plan_id = _cchc("--data-dir", data, "import", str(path), "--year", "2026").stdout.strip().splitlines()[-1]
    into_plan = _cchc("--data-dir", data, "import", str(path), "--plan", plan_id, "--dry-run")
    assert into_plan.returncode == 0, into_plan.stderr
    assert any(line.startswith(YEAR_WARNING) for line in into_plan.stdout.splitlines())  # the plan's year, 2026
