"""Every edit the user can make, as a :class:`cchc_desktop.changes.Change`.

Functions here read the database and return a change without writing anything;
:class:`cchc_desktop.undo.UndoStack` applies it, so each edit is one transaction
that can be undone and redone.
"""
