"""Every file the program writes for the clerk goes through here: whole or not at all, and private.

``staged_output(out)`` hands the writer a temporary file beside ``out`` (``.~<name>…``, created
0600 by ``mkstemp``: exports, reports and printouts hold personal data), and moves it into place
only when the writer returned. A full disk, a read-only folder or a file held open by Excel end as
one Chinese ``UserError``, the temporary file removed, the old file (if any) untouched — never a
0-byte or half-written file under the final name.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import UserError

PRIVATE_MODE = 0o600
TEMP_PREFIX = ".~"


def write_error(exc: OSError, target: Path) -> UserError:
    """The clerk's sentence for an OSError met while writing ``target``."""
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UserError(f"磁盘空间不足，未能写入 {target}（没有留下不完整的文件）。请清理 {target.parent} 所在的磁盘后再试。")
    if code == errno.EROFS:
        return UserError(f"{target.parent} 在只读的位置（光盘、写保护的U盘），无法写入 {target.name}，请换一个文件夹。")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return UserError(f"无法写入 {target}：没有写入权限，或文件正在 Excel/WPS/PDF 阅读器中打开，请关闭后重试。")
    return UserError(f"无法写入 {target}：{exc.strerror or exc}")


@contextmanager
def staged_output(out: str | Path) -> Iterator[Path]:
    """Yield a private temporary path beside ``out``; rename it to ``out`` when the block ends well."""
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX + target.stem, suffix=target.suffix, dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise write_error(exc, target) from None
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise write_error(exc, target) from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def make_private(path: str | Path) -> None:
    """Owner-only, where chmod means something (Windows: the profile's ACLs do this job)."""
    try:
        os.chmod(path, PRIVATE_MODE)
    except OSError:
        pass
