"""Backups of the database: copied with SQLite's backup API, verified, then rotated.

A backup is written under a temporary ``.part`` name, checked with ``PRAGMA
quick_check`` and only then renamed to its final name, so a file named
``cchc-….sqlite3`` is always a complete, sound copy. Names sort by time and say
why they were taken: ``cchc-2026-11-23T12-30-05-khi-mo.sqlite3``.

Split by concern: ``names`` (naming and listing), ``checking`` (reading a database
file without changing it), ``writing`` (the verified copy, automatic and manual
backups), ``rotation`` (which backups are kept), ``restoring``. Their public names
are found here too. The tunables (``writing.PAGES_PER_STEP``,
``checking.READ_TIMEOUT_SECONDS``, ``rotation.KEEP_LAST`` …) are not: a test that
changes one, or replaces a function, does it in the module that uses it.
"""

from cchc_desktop.backup.checking import (
    ContentSummary, catalog, connect_read_only, count_content, has_sqlite_header, other_units_warning,
    quick_check_problem, read_content, schema_is_newer, unit_names, units_label, verify_backup_file,
)
from cchc_desktop.backup.names import (
    BACKUPS_DIR_NAME, NAME_PATTERN, PARTIAL_SUFFIX, REASON_LABELS, TIME_FORMAT, BackupInfo, backup_file_name,
    backups_dir, describe_file, list_backups, parse_backup_name,
)
from cchc_desktop.backup.restoring import RestoreReport, load_into, restore_backup, staged_path, upgraded_copy
from cchc_desktop.backup.rotation import backups_to_keep, rotate
from cchc_desktop.backup.writing import (
    automatic_backup, backup_to_folder, glob_escape, has_user_data, remove_partial, write_backup,
    write_verified_copy,
)

__all__ = [
    "BACKUPS_DIR_NAME", "NAME_PATTERN", "PARTIAL_SUFFIX", "REASON_LABELS", "TIME_FORMAT",
    "BackupInfo", "ContentSummary", "RestoreReport",
    "automatic_backup", "backup_file_name", "backup_to_folder", "backups_dir", "backups_to_keep", "catalog",
    "connect_read_only", "count_content", "describe_file", "glob_escape", "has_sqlite_header",
    "has_user_data", "list_backups", "load_into", "other_units_warning", "parse_backup_name", "quick_check_problem",
    "read_content",
    "remove_partial", "restore_backup", "rotate", "schema_is_newer", "staged_path", "unit_names", "units_label", "upgraded_copy",
    "verify_backup_file", "write_backup", "write_verified_copy",
]
