"""Long core jobs report progress and stop cleanly when the reporter raises Cancelled
(what the window's "Hủy" does): nothing half-written, on real files and databases."""

from __future__ import annotations

import pytest

from cchc_desktop.backup import backups_dir, list_backups, restore_backup, write_backup, writing
from cchc_desktop.changes import apply
from cchc_desktop.edits.plans import copy_plan_to_year
from cchc_desktop.export import build_appendix, write_appendix_xlsx
from cchc_desktop.importing import read_appendix
from cchc_desktop.export.safe_write import StoppedAfterWriting
from cchc_desktop.progress import Cancelled, portion, reporting, step, steps
from tests.cchc_desktop.importing.builders import HEADERS, demo_body, shifted, write_docx
from tests.cchc_desktop.test_backup import dump, edit_first_task


def cancel_at(fraction: float, seen: list | None = None):
    """A reporter that cancels once the job is ``fraction`` done."""
    def report(done: int, total: int) -> None:
        if seen is not None:
            seen.append((done, total))
        if total > 0 and done >= fraction * total:
            raise Cancelled()
    return report


def test_portions_move_one_bar_from_start_to_end():
    seen = []
    with reporting(lambda done, total: seen.append((done, total))):
        with portion(0.0, 0.25):
            for _ in steps(range(4), every=2):
                pass
        with portion(0.25, 1.0):
            step(1, 2)
            step(3, 0)  # a total not known yet: the start of the portion
    assert seen == [(0, 1000), (125, 1000), (250, 1000), (625, 1000), (250, 1000)]


def test_outside_a_reporter_steps_do_nothing():
    with portion(0.5, 1.0):
        step(1, 1)
    assert list(steps([1, 2, 3])) == [1, 2, 3]


@pytest.fixture
def demo_xlsx(db, demo_plan_id, tmp_path):
    path = tmp_path / "phu_luc.xlsx"
    write_appendix_xlsx(build_appendix(db, demo_plan_id), path)
    return path


@pytest.fixture
def demo_docx(tmp_path):
    body, merges = demo_body()
    return write_docx(tmp_path / "phu_luc.docx", [HEADERS] + body, shifted(merges, 1))


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_reading_a_file_is_cancelled_as_such(request, kind):
    """Not mistaken for a damaged file: the readers let Cancelled through."""
    path = request.getfixturevalue(f"demo_{kind}")

    def stop_at_once(_done: int, _total: int) -> None:  # the first step is taken inside the reader
        raise Cancelled()

    with reporting(stop_at_once), pytest.raises(Cancelled):
        read_appendix(path)
    with reporting(cancel_at(0.7)), pytest.raises(Cancelled):  # later: while reading the rows
        read_appendix(path)


def test_a_change_cancelled_after_its_last_row_is_rolled_back(db, demo_plan_id):
    change = copy_plan_to_year(db, demo_plan_id, 2025)
    before = dump(db.conn)
    with reporting(cancel_at(1.0)), pytest.raises(Cancelled):  # every row written, not committed
        apply(db, change)
    assert dump(db.conn) == before


def test_a_restore_cancelled_while_copying_keeps_the_data_and_no_safety_copy(workspace, demo_plan_id, monkeypatch):
    monkeypatch.setattr(writing, "PAGES_PER_STEP", 1)
    old = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "open")
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    before = dump(workspace.db.conn)
    seen = []
    with reporting(cancel_at(0.75, seen)), pytest.raises(Cancelled):
        restore_backup(workspace, old.path)
    assert any(500 < done < 750 for done, _total in seen)  # it was copying the backup in
    assert dump(workspace.db.conn) == before
    assert [b.reason for b in list_backups(backups_dir(workspace.data_dir))] == ["open"]


def test_a_backup_cancelled_while_copying_leaves_no_file(workspace, demo_plan_id, tmp_path, monkeypatch):
    monkeypatch.setattr(writing, "PAGES_PER_STEP", 1)
    folder = tmp_path / "usb"
    with reporting(cancel_at(0.5)), pytest.raises(Cancelled):
        write_backup(workspace.db.conn, folder, "manual")
    assert list(folder.iterdir()) == []


def test_a_preview_fork_is_corrected_alone(demo_xlsx):
    preview = read_appendix(demo_xlsx)
    fork = preview.fork()
    fork.set_year(2025)
    fork.remap(2, "ignore")
    assert preview.year == 2024 and preview.columns[2].field == "lead"
    assert preview.tasks[0].text("lead") and not fork.tasks[0].text("lead")
    assert len(preview.warnings) < len(fork.warnings)


def test_a_report_export_moves_one_bar_forward_and_stops_anywhere_leaving_no_file(db, demo_plan_id, tmp_path,
                                                                                  monkeypatch):
    """Working the figures out, drawing the PDF's pages, writing the workbook's tasks:
    each moves the bar on, and a cancel at any of them writes nothing."""
    from cchc_desktop.report import export_report, xlsx_report

    monkeypatch.setattr(xlsx_report, "STEP_EVERY", 10)  # the demo's 44 tasks make a few steps

    seen = []
    with reporting(lambda done, total: seen.append((done, total))):
        written = export_report(db, demo_plan_id, "q1", tmp_path / "whole")
    fractions = [done / total for done, total in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len([fraction for fraction in fractions if fraction <= 0.05]) >= 2  # while tracking the tasks
    assert any(0.05 < fraction < 0.5 for fraction in fractions)  # while drawing the PDF's pages
    assert any(0.55 < fraction < 1.0 for fraction in fractions)  # while writing the workbook's tasks
    assert [path.suffix for path in written] == [".pdf", ".xlsx"]
    for fraction in (0.01, 0.3, 0.7):  # working out, the PDF, the workbook
        folder = tmp_path / f"stopped_at_{fraction}"
        with reporting(cancel_at(fraction)), pytest.raises(Cancelled) as stopped:
            export_report(db, demo_plan_id, "q1", folder)
        left = sorted(path.name for path in folder.iterdir()) if folder.exists() else []
        assert left == ([written[0].name] if fraction > 0.55 else [])  # a whole PDF at most, never a part
        # ... and a PDF left in place is named: the user must not take it for the old one
        assert isinstance(stopped.value, StoppedAfterWriting) == (fraction > 0.55)
        if fraction > 0.55:
            assert stopped.value.written == [folder / written[0].name]
            assert stopped.value.message == (f"Đã dừng. Đã ghi xong và kiểm tra lại {written[0].name}; "
                                             "tệp sau đó chưa ghi.")
