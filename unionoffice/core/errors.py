"""Errors a clerk may see. Their text is Simplified Chinese and says what to fix."""


class UserError(Exception):
    """Bad input or a refused operation; ``str(err)`` is shown to the clerk as is.

    The CLI turns it into exit status 1 and one line on stderr; the GUI shows it in a dialog
    or beside the field named by ``field``.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValueFormatError(UserError):
    """A single value (ID, money, date, name...) could not be understood."""


class StoreError(UserError):
    """The database file cannot be opened, upgraded or written."""


class FileInUseError(StoreError):
    """Another running instance has the database file open."""
