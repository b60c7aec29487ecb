"""The periodic report (Báo cáo kết quả thực hiện công tác cải cách hành chính):
built as plain data, saved with the user's text, frozen when sent, written to PDF and xlsx.

- ``build_report(db, plan_id, period, narrative=None)`` -> ``ReportDocument``
- ``store``: ``save_narrative``, ``set_report_fields``, ``mark_sent``, ``reopen`` (each
  returns a ``Change``), ``load_report_document``, ``editable_texts``
- ``export_report(db, plan_id, period, out_dir, formats, draft)`` -> written paths
- ``report_warnings(db, plan_id, period)``: what an upstream reader would send back
"""

from cchc_desktop.report.build import REPORT_PERIODS, build_report, check_period
from cchc_desktop.report.checks import report_warnings
from cchc_desktop.report.export import export_report, report_file_name, report_target_name, write_report_files
from cchc_desktop.report.model import ReportDocument
from cchc_desktop.report.pdf_report import write_report_pdf
from cchc_desktop.report.records import StoredReport, get_report
from cchc_desktop.report.store import (
    EditableReport, editable_report, editable_texts, load_report_document, mark_period_sent, mark_sent, reopen,
    save_narrative, set_report_fields,
)
from cchc_desktop.report.template import load_template
from cchc_desktop.report.xlsx_report import write_report_xlsx

__all__ = [
    "REPORT_PERIODS", "EditableReport", "ReportDocument", "StoredReport",
    "build_report", "check_period", "editable_report", "editable_texts", "export_report", "get_report",
    "load_report_document", "load_template", "mark_period_sent", "mark_sent", "reopen", "report_file_name",
    "report_target_name", "report_warnings",
    "save_narrative", "set_report_fields", "write_report_files", "write_report_pdf", "write_report_xlsx",
]
