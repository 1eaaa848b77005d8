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


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the clerk's words (the system's own text is English)."""
    import errno

    code = getattr(exc, "errno", None)
    winerror = getattr(exc, "winerror", None)
    if code == errno.EROFS:
        return "只读的位置（光盘、写保护的U盘或只读文件夹）"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间不足"
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被另一个程序使用"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "没有写入权限（文件夹或文件是只读的，或被另一个程序占用）"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return "文件夹或文件不存在（U盘是否已拔出？）"
    if code == errno.EIO:
        return "磁盘读写出错（U盘是否已拔出？）"
    if code == errno.ENAMETOOLONG:
        return "路径太长"
    return f"系统错误：{exc.strerror or exc}"
