"""Every file the program writes for the clerk goes through here: whole or not at all, and private.

``staged_output(out)`` hands the writer a temporary file beside ``out`` (``.~<name>…``, created
0600 by ``mkstemp``: exports, reports and printouts hold personal data), and moves it into place
only when the writer returned. A full disk, a read-only folder or a file held open by Excel end as
one Chinese ``UserError``, the temporary file removed, the old file (if any) untouched — never a
0-byte or half-written file under the final name.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
import tempfile
from pathlib import Path
from ..errors import UserError

PRIVATE_MODE = 0o600
TEMP_PREFIX = ".~"


def write_error(exc: OSError, target: Path) -> UserError:
    """The clerk's sentence for an OSError met while writing ``target``."""
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UserError(f"磁盘空间不足，未能写入 {target}（没有留下不完整的文件）。请清理 {target.parent} 所在的磁盘后再试。")
    if code == errno.EROFS:
        return UserError(f"{target.parent} 在只读的位置（光盘、写保护的U盘），无法写入 {target.name}，请换一个文件夹。")
    # Windows says "Permission denied" for a folder in the way, not EISDIR: asked of the path itself
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR or target.is_dir():
        return UserError(f"无法写入 {target}：那里已有一个同名的文件夹，请另选文件名，或把该文件夹改名后重试。")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return UserError(f"无法写入 {target}：没有写入权限，或文件正在 Excel/WPS/PDF 阅读器中打开，请关闭后重试。")
    return UserError(f"无法写入 {target}：{exc.strerror or exc}")


class staged_output:  # noqa: N801 - used as ``with staged_output(out) as tmp``, like a function
    """Yield a private temporary path beside ``out``; rename it to ``out`` when the block ends well.

    A class rather than a @contextmanager generator: the generator's ``__exit__`` would hold the
    failed writer's traceback (and its half-closed ZipFile) while we try to let it go quietly.
    """

    def __init__(self, out: str | Path):
        self.target = Path(out)
        self.tmp: Path | None = None

    def __enter__(self) -> Path:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX + self.target.stem, suffix=self.target.suffix,
                                            dir=self.target.parent)
            os.close(handle)
        except OSError as exc:
            raise write_error(exc, self.target) from None
        self.tmp = Path(name)
        return self.tmp

    def __exit__(self, kind, exc, tb) -> None:
        del tb
        if exc is None:
            try:
                os.replace(self.tmp, self.target)
            except OSError as replace_exc:
                exc = replace_exc
        if isinstance(exc, OSError):
            error = write_error(exc, self.target)
            # the writer's half-written file must be closed before it can be removed: Windows
            # refuses to delete a file something still holds open
            release_quietly(exc)
            self._remove_tmp()
            raise error from None
        self._remove_tmp()

    def _remove_tmp(self) -> None:
        try:
            self.tmp.unlink(missing_ok=True)
        except OSError:
            gc.collect()  # a writer object still holding it (Windows): let it go, then try once more
            try:
                self.tmp.unlink(missing_ok=True)
            except OSError:
                pass


def release_quietly(exc: BaseException) -> None:
    """Let the writer's objects (a half-written ZipFile…) go now, silently.

    Their frames live on in the traceback; collected later, a ZipFile closing onto the full disk
    prints "Exception ignored … OSError" after the clerk's one line. Dropping the traceback here
    closes them at once, with the unraisable-exception hook silenced for that moment.
    """
    hook, sys.unraisablehook = sys.unraisablehook, lambda *_: None
    try:
        seen: set[int] = set()
        link: BaseException | None = exc
        while link is not None and id(link) not in seen:  # the whole chain: close() failing again…
            seen.add(id(link))
            link.__traceback__ = None
            link = link.__context__ or link.__cause__
        gc.collect()
    finally:
        sys.unraisablehook = hook


def make_private(path: str | Path) -> None:
    """Owner-only, where chmod means something (Windows: the profile's ACLs do this job)."""
    try:
        os.chmod(path, PRIVATE_MODE)
    except OSError:
        pass
