"""Named errors of the core.

Every error the user can cause or the environment can raise carries a Vietnamese
message meant to be shown as is. Anything else that escapes is a bug.
"""


class CchcError(Exception):
    """An expected failure with a message for the user (Vietnamese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UserInputError(CchcError):
    """Bad argument or value given by the user."""


class NotFoundError(CchcError):
    """A plan, task or other record that does not exist."""


class EnvironmentProblem(CchcError):
    """The machine is in the way: disk full, read-only, locked, unplugged, corrupt."""


class DataDirError(EnvironmentProblem):
    """The data directory cannot be created or written."""


class DatabaseTooNew(EnvironmentProblem):
    """The database was written by a newer version of the program."""


class DatabaseUnusable(EnvironmentProblem):
    """The database file is corrupt, locked or not a database at all."""
