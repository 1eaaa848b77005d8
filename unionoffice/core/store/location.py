"""Is the office file on another computer? A shared folder is not a database server.

SQLite's WAL needs shared memory between the programs using the file, which two PCs reaching a
file over SMB/NFS do not have; its file locks over a network are only as good as the share's. So
the office file belongs on one PC (backups may go to the share). Recognised as network locations:

- Windows: UNC paths (``\\\\server\\工会\\…``) and mapped drives whose type is DRIVE_REMOTE
  (``GetDriveTypeW`` through ctypes);
- Linux: a mount of type cifs/smb3/smbfs/nfs/nfs4/sshfs/davfs (read from ``/proc/mounts``).

Opened there anyway the store uses a rollback journal with exclusive locking, never WAL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "fuse.sshfs", "sshfs", "davfs",
              "fuse.davfs2", "9p", "ceph", "glusterfs", "fuse.glusterfs"}
DRIVE_REMOTE = 4
MOUNTS = "/proc/mounts"


def network_location(path: str | Path) -> str:
    """A short description of the network location holding ``path``; '' when it is on this PC."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return f"网络共享文件夹（{_share_of(text)}）"
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_drive(text)
    return _linux_mount(Path(path))


def _share_of(unc: str) -> str:
    parts = [p for p in unc.replace("/", "\\").split("\\") if p]
    return "\\\\" + "\\".join(parts[:2]) if parts else unc


def _windows_drive(text: str) -> str:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return ""
    if drive.startswith("\\\\"):
        return f"网络共享文件夹（{_share_of(drive)}）"
    try:
        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
    except (AttributeError, OSError):
        return ""
    return f"网络驱动器 {drive}" if kind == DRIVE_REMOTE else ""


def _linux_mount(path: Path) -> str:
    """The network mount holding ``path`` (the longest mount point that contains it)."""
    try:
        lines = Path(MOUNTS).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    try:
        target = path.resolve()
    except OSError:
        target = path
    best, best_len = "", -1
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        source, point, fstype = fields[0], _unescape(fields[1]), fields[2]
        if _contains(point, target) and len(point) > best_len:
            best, best_len = (f"网络共享（{fstype}：{source}）" if fstype in NETWORK_FS else ""), len(point)
    return best


def _contains(point: str, target: Path) -> bool:
    return target == Path(point) or Path(point) in target.parents


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in mount points as octal escapes."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def advice(where: str, db_path: Path) -> str:
    """What the clerk reads when the office file is on a network location."""
    return (f"数据库文件 {db_path.name} 在{where}上。本程序的数据库文件应放在一台电脑上（例如专干的办公电脑），"
            "不要放在共享文件夹里让几台电脑同时打开：网络共享不能保证同时写入的安全，文件可能损坏。"
            "共享文件夹可以用作备份文件夹（文件 → 备份设置）。"
            "这次仍可以打开，程序会独占此文件（其他电脑在此期间无法打开），并不使用 WAL 日志。")
