"""``cchc report`` run as a user runs it: a real process and a real data directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

def run_cchc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cchc_desktop.cli", *args], capture_output=True, text=True, encoding="utf-8")


def test_report_writes_the_files_and_prints_their_paths(data_dir, tmp_path):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    out = tmp_path / "out"
    result = run_cchc("--data-dir", str(data_dir), "report", "--plan", plan_id, "--period", "q1",
                      "--format", "pdf,xlsx", "--out", str(out), "--draft")
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert [path.name for path in paths] == [
        "BC_CCHC_Quy_I_2024_Phuong_1_du_thao.pdf", "BC_CCHC_Quy_I_2024_Phuong_1_du_thao.xlsx"]
    assert all(path.parent == out and path.stat().st_size > 0 for path in paths)
    assert paths[0].read_bytes().startswith(b"%PDF-")
    workbook = load_workbook(paths[1], read_only=True)
    assert workbook.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Chỉ tiêu"]
    workbook.close()


def test_year_report_in_one_format(data_dir, tmp_path):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    result = run_cchc("--data-dir", str(data_dir), "report", "--plan", plan_id, "--period", "year",
                      "--format", "xlsx", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "BC_CCHC_Nam_2024_Phuong_1_du_thao.xlsx"


def test_unknown_period_is_one_vietnamese_line(data_dir, tmp_path):
    plan_id = run_cchc("--data-dir", str(data_dir), "demo").stdout.strip()
    out = tmp_path / "out"
    result = run_cchc("--data-dir", str(data_dir), "report", "--plan", plan_id, "--period", "q5", "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Lỗi: Kỳ báo cáo 'q5' không hợp lệ. Chọn một trong: q1, q2, h1, q3, m9, q4, h2, year."]
    assert not out.exists()


def test_unknown_plan_is_one_vietnamese_line(data_dir, tmp_path):
    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0  # data to look the plan up in
    result = run_cchc("--data-dir", str(data_dir), "report", "--plan", "99", "--period", "q1", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == "Lỗi: Không có kế hoạch mã 99."
