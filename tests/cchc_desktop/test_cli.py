"""The ``cchc`` command line, run as a user runs it: a real process, a real data directory."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

CCHC = shutil.which("cchc") or ""


def run_cchc(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    command = [CCHC] if CCHC else [sys.executable, "-m", "cchc_desktop.cli"]
    env = os.environ | (env_extra or {})
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8", env=env)


def test_demo_is_idempotent_and_listed(data_dir):
    first = run_cchc("--data-dir", str(data_dir), "demo")
    second = run_cchc("--data-dir", str(data_dir), "demo")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    plan_id = int(first.stdout)
    listed = run_cchc("--data-dir", str(data_dir), "plans", "--format", "json")
    plans = json.loads(listed.stdout)
    assert plans == [{
        "id": plan_id,
        "year": 2024,
        "title": "Cải cách hành chính năm 2024 trên địa bàn Phường 1, thành phố Tây Ninh",
        "unit": "Phường 1",
        "tasks": 44,
    }]


def test_tasks_json_in_stt_order_as_written(data_dir):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    result = run_cchc("--data-dir", str(data_dir), "tasks", "--plan", plan_id, "--format", "json")
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)
    assert [t["stt"] for t in tasks] == list(range(1, 45))
    assert tasks[19]["deadline_text"] == "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh"
    assert tasks[8]["area"] == "CẢI CÁCH THỂ CHẾ"
    assert set(tasks[0]) >= {"stt", "area", "content", "lead", "supporting", "output", "deadline_text"}


def test_tsv_has_header_and_one_line_per_task(data_dir):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    lines = run_cchc("--data-dir", str(data_dir), "tasks", "--plan", plan_id).stdout.splitlines()
    assert lines[0].split("\t") == [
        "stt", "area", "content", "lead", "supporting", "output", "deadline_text", "due_dates", "status"]
    assert len(lines) == 45
    assert all(len(line.split("\t")) == 9 for line in lines)
    assert lines[19].split("\t")[7:] == ["2024-03-31,2024-06-30,2024-09-30,2024-12-31", "open_overdue"]


def test_tasks_json_has_due_dates_and_status_at_a_date(data_dir):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    result = run_cchc("--data-dir", str(data_dir), "tasks", "--plan", plan_id, "--format", "json", "--at", "2024-03-10")
    by_stt = {task["stt"]: task for task in json.loads(result.stdout)}
    assert by_stt[1]["due_dates"] == ["2024-02-29"] and by_stt[1]["status"] == "open_overdue"
    assert by_stt[5]["due_dates"] == ["2024-03-31"] and by_stt[5]["status"] == "open_on_time"
    assert by_stt[21]["due_dates"] == [] and by_stt[21]["status"] == "continuous"
    assert by_stt[20]["due_dates"] == [] and by_stt[20]["status"] == "unspecified"
    assert len(by_stt[17]["due_dates"]) == 12 and by_stt[17]["status"] == "open_overdue"


def test_tasks_search_is_diacritic_insensitive(data_dir):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    for query in ("tuyen truyen", "TUYÊN TRUYỀN"):
        result = run_cchc("--data-dir", str(data_dir), "tasks", "--plan", plan_id, "--search", query, "--format", "json")
        assert [t["stt"] for t in json.loads(result.stdout)] == [3, 11, 40]


def test_copy_plan_prints_the_new_id(data_dir):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    result = run_cchc("--data-dir", str(data_dir), "copy-plan", "--plan", plan_id, "--year", "2025")
    assert result.returncode == 0, result.stderr
    new_id = result.stdout.strip()
    tasks = json.loads(run_cchc("--data-dir", str(data_dir), "tasks", "--plan", new_id, "--format", "json").stdout)
    assert len(tasks) == 44 and tasks[0]["deadline_text"] == "Tháng 02/2025"
    again = run_cchc("--data-dir", str(data_dir), "copy-plan", "--plan", "77", "--year", "2025")
    assert again.returncode == 2 and again.stderr.strip() == "Lỗi: Không có kế hoạch mã 77."


def test_environment_variable_sets_the_data_dir(tmp_path):
    target = tmp_path / "via-env"
    result = run_cchc("demo", env_extra={"CCHC_DATA_DIR": str(target)})
    assert result.returncode == 0, result.stderr
    assert (target / "cchc.sqlite3").exists()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["tasks", "--plan", "999"], "Lỗi: Không có kế hoạch mã 999."),
        (["tasks", "--plan", "abc"], "Lỗi: tham số --plan: phải là số nguyên dương, không phải 'abc'. Xem: cchc tasks --help"),
        (["export", "appendix", "--plan", "99999999999999999999999"],
         "Lỗi: tham số --plan: phải là số nguyên dương, không phải '99999999999999999999999'. Xem: cchc export appendix --help"),
        (["tasks", "--plan", "1", "--at", "2024-02-30"], "Lỗi: tham số --at: không có ngày 2024-02-30. Xem: cchc tasks --help"),
        (["tasks"], "Lỗi: thiếu tham số bắt buộc: --plan. Xem: cchc tasks --help"),
        (["plans", "--format", "xml"], "Lỗi: tham số --format: không có lựa chọn 'xml' (chọn một trong: 'tsv', 'json'). Xem: cchc plans --help"),
        (["tasks", "--plan", "1", "--at", "10/3/2024"], "Lỗi: tham số --at: ngày '10/3/2024' không đúng dạng YYYY-MM-DD. Xem: cchc tasks --help"),
        (["bogus"], "Lỗi: tham số LỆNH: không có lựa chọn 'bogus' (chọn một trong: 'demo', 'plans', 'tasks', 'copy-plan', 'backup', 'restore', 'check', 'export', 'report', 'import'). Xem: cchc --help"),
    ],
)
def test_user_errors_are_one_vietnamese_line_and_exit_2(data_dir, args, expected):
    from cchc_desktop.workspace import Workspace

    Workspace.open(data_dir).close()  # a database without plans: commands need one to read from
    result = run_cchc("--data-dir", str(data_dir), *args)
    assert result.returncode == 2
    assert result.stderr.strip() == expected
    assert "Traceback" not in result.stderr


def test_an_empty_data_dir_is_refused_not_taken_for_the_default(isolated_user_dirs):
    """``--data-dir "$DIR"`` with DIR unset must not act on the user's real database."""
    result = run_cchc("--data-dir", "", "plans")
    assert (result.returncode, result.stderr.strip()) == (
        2, "Lỗi: tham số --data-dir: thư mục dữ liệu không được để trống. Xem: cchc --help")
    assert not any(path.is_file() for path in isolated_user_dirs.rglob("*"))


def test_help_is_vietnamese_to_the_last_line():
    result = run_cchc("--help")
    assert "in số phiên bản rồi thoát" in result.stdout
    assert "show" not in result.stdout and "help message" not in result.stdout


def test_a_locked_database_is_one_vietnamese_line(data_dir, capsys, monkeypatch):
    """Another program holds a write lock: the write gives up after the busy timeout."""
    from cchc_desktop import cli, db

    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(data_dir / "cchc.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = cli.main(["--data-dir", str(data_dir), "copy-plan", "--plan", "1", "--year", "2025"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith("Lỗi: Không thể thực hiện lệnh copy-plan: tệp đang bị chương trình khác khóa.")
    assert len(error.strip().splitlines()) == 1


def test_a_reader_that_stops_early_gets_no_traceback(data_dir):
    """``cchc tasks … | head``: the pipe closes under us."""
    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    command = [CCHC] if CCHC else [sys.executable, "-m", "cchc_desktop.cli"]
    try:
        result = subprocess.run([*command, "--data-dir", str(data_dir), "tasks", "--plan", "1", "--format", "json"],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == ""


def test_unusable_data_dir_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cchc("--data-dir", str(blocker), "plans")
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Thư mục dữ liệu không dùng được")
    assert len(result.stderr.strip().splitlines()) == 1


def test_corrupt_database_is_a_user_error(data_dir):
    (data_dir / "cchc.sqlite3").write_bytes(b"garbage" * 500)
    result = run_cchc("--data-dir", str(data_dir), "plans")
    assert result.returncode == 2
    assert "không phải cơ sở dữ liệu" in result.stderr
    assert (data_dir / "cchc.sqlite3").read_bytes() == b"garbage" * 500


def test_writes_wait_for_the_window_but_reads_do_not(data_dir):
    from cchc_desktop.instance_lock import InstanceLock

    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    with InstanceLock(data_dir):  # the window is open on this data directory
        refused = run_cchc("--data-dir", str(data_dir), "copy-plan", "--plan", plan_id, "--year", "2025")
        assert refused.returncode == 2
        assert refused.stderr.startswith("Lỗi: CCHC Desktop đang chạy với thư mục dữ liệu này")
        assert run_cchc("--data-dir", str(data_dir), "plans").returncode == 0
    assert run_cchc("--data-dir", str(data_dir), "copy-plan", "--plan", plan_id, "--year", "2025").returncode == 0
