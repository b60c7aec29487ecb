"""Importing an appendix of tasks from an .xlsx or .docx file.

    preview = read_appendix(path)          # reads the file, writes nothing
    preview.remap(column_index, "lead")    # the user corrects a column
    plan_id = commit(db, preview, year=2024)   # one transaction, one undoable Change

Reading is split by concern: ``filecheck`` (what the file is), ``xlsx_reader`` and
``docx_reader`` (a grid of texts per table), ``legacy`` (TCVN3/VNI to Unicode),
``headers`` (which column holds what), ``rows`` (areas, tasks, continuation rows),
``heading`` (title and year above the table), ``file_year`` (the year the file is
for, and the warning when the plan's is another), ``preview`` (the plain-data result),
``target_checks`` (doubts about where it goes: another unit, tasks already there),
``commit`` (the Change).
"""

from cchc_desktop.importing.commit import ImportChange, commit, import_change
from cchc_desktop.importing.filecheck import MAX_FILE_BYTES
from cchc_desktop.importing.grid import MAX_ROWS
from cchc_desktop.importing.headers import FIELD_LABELS, FIELDS
from cchc_desktop.importing.preview import Column, ImportPreview, TableChoice, read_appendix
from cchc_desktop.importing.rows import AREA, TASK, PreviewArea, PreviewRow
from cchc_desktop.importing.summary import summary_lines
from cchc_desktop.importing.target_checks import target_warnings

__all__ = [
    "read_appendix", "commit", "import_change", "ImportChange", "ImportPreview", "Column", "TableChoice",
    "PreviewArea", "PreviewRow", "AREA", "TASK", "FIELDS", "FIELD_LABELS", "MAX_FILE_BYTES", "MAX_ROWS",
    "summary_lines", "target_warnings",
]
