"""Warnings before a periodic report goes out, in the core and from ``cchc report``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from cchc_desktop import repo
from cchc_desktop.models import Plan, Task, Unit
from cchc_desktop.report import build_report, mark_period_sent, report_warnings, set_report_fields
from cchc_desktop.report.checks import NO_ADDRESSEE, NO_TASKS
from cchc_desktop.changes import apply


def _second_half_plan(db, recipient: str = "Sở Nội vụ thành phố Hải Phòng") -> int:
    unit_id = repo.create_unit(db, Unit(None, "Phường Ngô Quyền", "phường", report_recipient=recipient))
    plan = Plan(None, unit_id, 2025, period_label="6 tháng cuối năm 2025", number="125/KH-UBND",
                issued_on=date(2025, 8, 5), recipients=("Sở Nội vụ;", "Lưu: VT."))
    plan_id = repo.create_plan(db, plan)
    area_id = repo.add_area(db, plan_id, "I", "Công tác chỉ đạo, điều hành")
    repo.add_task(db, Task(None, plan_id, area_id, 1, content="Xây dựng kế hoạch CCHC", deadline_text="Tháng 9/2025"))
    return plan_id


def test_a_report_whose_data_end_before_the_plan_was_issued_is_flagged(db):
    plan_id = _second_half_plan(db)
    (q1,) = report_warnings(db, plan_id, "q1")
    assert q1 == ("Báo cáo quý I năm 2025 lấy số liệu đến ngày 14/03/2025, trước ngày ban hành kế hoạch "
                  "(05/08/2025): kế hoạch chưa có hiệu lực trong kỳ này. Hãy kiểm tra lại kỳ báo cáo.")
    assert report_warnings(db, plan_id, "h1")  # data to 14/06
    assert report_warnings(db, plan_id, "m9") == [] and report_warnings(db, plan_id, "year") == []


def test_the_demo_reports_have_nothing_to_warn_about(db, demo_plan_id):
    assert all(report_warnings(db, demo_plan_id, period) == [] for period in ("q1", "h1", "q3", "m9", "year"))


def test_no_addressee_anywhere_leaves_a_line_to_fill_in_and_says_so(db):
    plan_id = _second_half_plan(db, recipient="")
    assert report_warnings(db, plan_id, "year") == [NO_ADDRESSEE]
    document = build_report(db, plan_id, "year")
    assert document.recipient_line == "Kính gửi: " + "…" * 24
    apply(db, set_report_fields(db, plan_id, "year", recipient="Sở Nội vụ thành phố Hải Phòng"))
    assert report_warnings(db, plan_id, "year") == []  # the report's own recipient is enough
    document = build_report(db, plan_id, "year")
    assert document.recipient_line == "Kính gửi: Sở Nội vụ thành phố Hải Phòng"
    assert document.recipients == ("- Như trên;", "- Lưu: VT.")  # "Sở Nội vụ" is the addressee


def test_a_plan_without_tasks_is_flagged(db):
    unit_id = repo.create_unit(db, Unit(None, "Phường Ngô Quyền", "phường", report_recipient="Sở Nội vụ"))
    plan_id = repo.create_plan(db, Plan(None, unit_id, 2025))
    assert report_warnings(db, plan_id, "q1") == [NO_TASKS]
    text = " ".join(p for section in build_report(db, plan_id, "q1").sections for p in section.paragraphs)
    assert "đề ra 0 nhiệm vụ" in text  # what the warning says the report will print


def test_a_sent_report_is_not_second_guessed(db):
    plan_id = _second_half_plan(db)
    apply(db, set_report_fields(db, plan_id, "q1", number="3", issued_on=date(2025, 3, 10)))
    apply(db, mark_period_sent(db, plan_id, "q1", sent_on=date(2025, 3, 11)))
    assert report_warnings(db, plan_id, "q1") == []


def test_cchc_report_prints_the_warnings_after_the_paths(data_dir, tmp_path):
    from cchc_desktop.workspace import Workspace

    workspace = Workspace.open(data_dir)
    plan_id = _second_half_plan(workspace.db)
    workspace.close()
    result = subprocess.run(
        [sys.executable, "-m", "cchc_desktop.cli", "--data-dir", str(data_dir), "report", "--plan", str(plan_id),
         "--period", "q1", "--format", "pdf", "--out", str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(".pdf")
    assert result.stderr.startswith("Cảnh báo: Báo cáo quý I năm 2025 lấy số liệu đến ngày 14/03/2025")


def test_a_mistyped_placeholder_is_flagged_before_it_prints(db, demo_plan_id):
    from cchc_desktop.report import save_narrative

    apply(db, save_narrative(db, demo_plan_id, "q1", {"opening": "Tổng số {tong_so} nhiệm vụ, {so_nhiem_vu} nhiệm vụ."}))
    (warning,) = report_warnings(db, demo_plan_id, "q1")
    assert warning == ("Mục “Phần mở đầu” có {tong_so} không phải tên số liệu nào: sẽ in nguyên văn. "
                       "Hãy sửa theo tên trong văn bản mẫu.")  # {so_nhiem_vu} is a real name, filled in


def test_the_template_itself_leaves_nothing_unfilled_in_a_plan_without_indicators(db):
    plan_id = _second_half_plan(db)
    assert all("không phải tên số liệu" not in w for w in report_warnings(db, plan_id, "year"))
