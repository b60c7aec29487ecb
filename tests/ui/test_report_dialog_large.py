"""The report window on a large plan: each period worked out in a worker, the window
waiting meanwhile, nothing typed lost, "Hủy" closing it.

"Large" is lowered to nothing here, so the demo plan takes that path: what is shown once
the worker is done must be exactly what the window shows a ward's plan at once.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from cchc_desktop import report
from cchc_desktop.undo import UndoStack
from tests.ui.typing_helpers import type_text
from ui import background
from ui.operations import Operations
from ui.report_dialog import WORKING_TEXT, ReportDialog


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


def shown_sections(dialog: ReportDialog) -> list[str]:
    return [dialog.sections.item(row).text() for row in range(dialog.sections.count())]


def open_report(qtbot, operations, plan_id: int, large: bool, monkeypatch) -> ReportDialog:
    monkeypatch.setattr(background, "LARGE_PLAN_TASKS", -1 if large else 1_000_000)
    dialog = ReportDialog(operations, plan_id)
    qtbot.addWidget(dialog)
    return dialog


def test_a_large_plans_report_is_worked_out_in_a_worker_and_shown_as_a_small_ones(
        qtbot, operations, demo_plan_id, monkeypatch):
    at_once = open_report(qtbot, operations, demo_plan_id, False, monkeypatch)
    waited = open_report(qtbot, operations, demo_plan_id, True, monkeypatch)
    job = waited.working.job
    assert job is not None and job.worker.db_path is not None  # its own connection, in its own thread
    assert waited.sections.count() == 0 and waited.preview.text() == WORKING_TEXT
    assert not any(button.isEnabled() for button in (waited.editor, waited.save_button, waited.export_button))
    assert waited.window_label.text() == at_once.window_label.text()  # the dates need no figures
    job.wait()
    assert job.outcome == "success" and waited.working.job is None
    assert shown_sections(waited) == shown_sections(at_once)
    assert waited.preview.text() == at_once.preview.text() != WORKING_TEXT
    assert waited.warnings.text() == at_once.warnings.text()
    assert all(button.isEnabled() for button in (waited.editor, waited.save_button, waited.export_button))


def test_text_typed_before_a_switch_is_kept_while_the_next_period_is_worked_out(
        qtbot, operations, db, demo_plan_id, monkeypatch):
    dialog = open_report(qtbot, operations, demo_plan_id, True, monkeypatch)
    dialog.working.job.wait()
    dialog.sections.setCurrentRow(1)
    dialog.editor.clear()
    type_text(dialog.editor, "Đã ban hành kế hoạch quý I đúng hạn.")
    dialog.period.setCurrentIndex(dialog.period.findData("h1"))
    assert dialog.working.job is not None and dialog.sections.count() == 0  # h1 being worked out
    assert dialog.save()  # "Lưu" now has no text to save: it must not wipe what was saved
    saved = report.get_report(db, demo_plan_id, "q1").narrative
    assert "Đã ban hành kế hoạch quý I đúng hạn." in saved.values()
    dialog.working.job.wait()
    assert dialog.window_label.text().endswith("đến ngày 31/05/2024")
    assert all(text.endswith("(văn bản mẫu)") for text in shown_sections(dialog))  # h1 has no text yet
    dialog.period.setCurrentIndex(dialog.period.findData("q1"))
    dialog.working.job.wait()
    assert not shown_sections(dialog)[1].endswith("(văn bản mẫu)")
    assert dialog.editor.toPlainText() != ""  # the first section is shown again, ready to edit


def test_cancelling_the_work_closes_the_window_and_keeps_what_was_saved(
        qtbot, operations, db, demo_plan_id, monkeypatch):
    dialog = open_report(qtbot, operations, demo_plan_id, True, monkeypatch)
    dialog.working.job.wait()
    dialog.sections.setCurrentRow(1)
    type_text(dialog.editor, "Thêm một câu. ")
    dialog.period.setCurrentIndex(dialog.period.findData("year"))
    job = dialog.working.job
    cancel = next(button for button in job.dialog.findChildren(QPushButton) if button.text() == "Hủy")
    cancel.click()  # on the progress bar: the user does not wait for the year's figures
    job.wait()
    assert job.outcome == "cancelled"
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert any(text.startswith("Thêm một câu. ") for text in report.get_report(db, demo_plan_id, "q1").narrative.values())


def test_closing_the_window_while_working_stops_the_worker(qtbot, operations, demo_plan_id, monkeypatch):
    dialog = open_report(qtbot, operations, demo_plan_id, True, monkeypatch)
    job = dialog.working.job
    dialog.reject()  # Esc, before the figures came
    assert job.cancel.is_set()
    job.wait()
    assert job.outcome == "cancelled" and dialog.result() == QDialog.DialogCode.Rejected
