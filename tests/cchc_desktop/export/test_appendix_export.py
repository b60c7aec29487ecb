"""Exporting to files end to end, and the ``cchc export`` command."""

from __future__ import annotations

import errno
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from cchc_desktop import cli_export
from cchc_desktop.cli_args import VietnameseArgumentParser
from cchc_desktop.errors import EnvironmentProblem, UserInputError
from cchc_desktop.export import safe_write
from cchc_desktop.export.appendix_export import export_appendix, parse_formats

from tests.pdf_reading import normalised, pdftotext


def export_parser() -> VietnameseArgumentParser:
    """The main parser as cchc_desktop.cli builds it, with the export command added."""
    parser = VietnameseArgumentParser(prog="cchc")
    commands = parser.add_subparsers(dest="command", parser_class=VietnameseArgumentParser)
    cli_export.add_parsers(commands)
    return parser


def test_export_writes_both_files_with_readable_names(demo_workspace, tmp_path):
    workspace, plan_id = demo_workspace
    paths = export_appendix(workspace.db, plan_id, tmp_path / "out")
    assert [path.name for path in paths] == ["PL_KH_CCHC_2024_Phuong_1.pdf", "PL_KH_CCHC_2024_Phuong_1.xlsx"]
    assert paths[0].read_bytes().startswith(b"%PDF-")
    workbook = load_workbook(paths[1], read_only=True)  # read-only keeps the file open until closed
    try:
        assert workbook.active["A1"].value == "Phụ lục"
    finally:
        workbook.close()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_failed_re_export_keeps_the_previous_files(demo_workspace, tmp_path, monkeypatch):
    workspace, plan_id = demo_workspace
    first = export_appendix(workspace.db, plan_id, tmp_path)
    before = {path: path.read_bytes() for path in first}

    def read_only(source, destination):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(safe_write.os, "replace", read_only)
    with pytest.raises(EnvironmentProblem, match="chỉ cho phép đọc"):
        export_appendix(workspace.db, plan_id, tmp_path)
    assert {path: path.read_bytes() for path in first} == before
    assert sorted(tmp_path.iterdir()) == sorted(first)


def test_formats_are_checked(capsys):
    assert parse_formats(" PDF, xlsx,pdf ") == ("pdf", "xlsx")
    with pytest.raises(UserInputError, match="Không có định dạng xuất 'docx'"):
        parse_formats("pdf,docx")
    with pytest.raises(UserInputError, match="Chưa chọn định dạng"):
        parse_formats(" , ")


def test_cli_prints_each_written_path(demo_workspace, tmp_path, capsys):
    workspace, plan_id = demo_workspace
    args = export_parser().parse_args(
        ["export", "appendix", "--plan", str(plan_id), "--format", "pdf", "--out", str(tmp_path), "--draft"]
    )
    cli_export.COMMANDS[args.command](SimpleNamespace(db=workspace.db), args)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [str(tmp_path / "PL_KH_CCHC_2024_Phuong_1_du_thao.pdf")]
    text = normalised(pdftotext(tmp_path / "PL_KH_CCHC_2024_Phuong_1_du_thao.pdf", "-l", "1"))
    assert "(Kèm theo Quyết định số /QĐ-UBND ngày tháng 02 năm 2024" in text


def test_cli_unknown_format_writes_nothing(demo_workspace, tmp_path):
    workspace, plan_id = demo_workspace
    args = export_parser().parse_args(["export", "appendix", "--plan", str(plan_id), "--format", "doc", "--out", str(tmp_path)])
    with pytest.raises(UserInputError, match="định dạng xuất 'doc'"):
        cli_export.cmd_export(SimpleNamespace(db=workspace.db), args)
    assert list(tmp_path.iterdir()) == []


def test_cli_requires_a_plan(capsys):
    with pytest.raises(SystemExit) as caught:
        export_parser().parse_args(["export", "appendix"])
    assert caught.value.code == 2
    assert "thiếu tham số bắt buộc: --plan" in capsys.readouterr().err


def test_two_plans_of_one_unit_and_year_never_overwrite_each_other(tmp_path):
    """A revised or thematic plan beside the year's: each export keeps its own files."""
    from cchc_desktop import repo
    from cchc_desktop.demo import load_demo
    from cchc_desktop.export.appendix_export import appendix_target_name
    from cchc_desktop.models import Plan
    from cchc_desktop.report import export_report, report_target_name
    from cchc_desktop.workspace import Workspace

    workspace = Workspace.open(tmp_path / "data")
    try:
        db = workspace.db
        demo_id = load_demo(db)
        demo = repo.get_plan(db, demo_id)
        alone = export_appendix(db, demo_id, tmp_path / "alone", ("pdf",))
        assert [path.name for path in alone] == ["PL_KH_CCHC_2024_Phuong_1.pdf"]
        with db.atomic():
            other_id = repo.create_plan(db, Plan(None, demo.unit_id, 2024, "năm 2024", "Kế hoạch chuyển đổi số"))
        out = tmp_path / "usb"
        first = export_appendix(db, demo_id, out)
        second = export_appendix(db, other_id, out)
        number = demo.decision_number.split("/")[0]  # the demo plan is approved by a decision
        assert (demo.number, number) == ("", "55")
        assert [path.name for path in first + second] == [
            f"PL_KH_CCHC_2024_so_{number}_Phuong_1.pdf", f"PL_KH_CCHC_2024_so_{number}_Phuong_1.xlsx",
            f"PL_KH_CCHC_2024_ma_{other_id}_Phuong_1_du_thao.pdf", f"PL_KH_CCHC_2024_ma_{other_id}_Phuong_1_du_thao.xlsx"]
        last_demo_task = repo.list_tasks(db, demo_id)[-1].content
        assert normalised(last_demo_task) in normalised(pdftotext(first[0]))  # the demo's appendix survived
        assert [appendix_target_name(db, plan_id, "pdf") for plan_id in (demo_id, other_id)] == [
            first[0].name, second[0].name]  # what the export dialog announces is what gets written
        reports = [export_report(db, plan_id, "q1", out, ("pdf",))[0] for plan_id in (demo_id, other_id)]
        assert reports[0] != reports[1] and all(path.exists() for path in reports)
        assert [report_target_name(db, plan_id, "q1", "pdf") for plan_id in (demo_id, other_id)] == [
            path.name for path in reports]
    finally:
        workspace.close()
