"""What a file that should be a workbook really is, from its first bytes — so the clerk reads
“它是 PDF 文件，不是 Excel 工作簿”, never a library's “BadZipFile”."""

from __future__ import annotations

import zipfile
from pathlib import Path

# kinds that are plainly something else → how the clerk is told
OTHER_KINDS = {
    "pdf": "它是 PDF 文件，不是 Excel 工作簿",
    "word": "它是 Word 文档，不是 Excel 工作簿",
    "image": "它是图片，不是 Excel 工作簿",
    "empty": "文件是空的（0 字节），不是 Excel 工作簿",
    "zip": "它是压缩包（zip），请先解压出其中的 Excel 工作簿",
}


def sniff(path: Path) -> str:
    """excel, encrypted, html, xml, text, pdf, word, image, empty, zip or unknown."""
    try:
        with Path(path).open("rb") as f:
            head = f.read(4096)
    except OSError:
        return "unknown"
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(Path(path))  # .xlsx / .ods are zip files; so are .docx and plain zips
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # an OLE container: an old .xls, or an .xlsx wrapped in encryption by a password
        return "encrypted" if _is_encrypted(Path(path)) else "excel"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "image"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text and b"<workbook" in text:
        return "xml"
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in text:
        return "html"
    if b"\x00" not in head:
        return "text"
    return "unknown"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError):
        return "excel"  # a damaged workbook: the reader says so
    if any(n.startswith("xl/") for n in names) or "content.xml" in names:
        return "excel"
    if any(n.startswith("word/") for n in names):
        return "word"
    return "zip"


def _is_encrypted(path: Path) -> bool:
    try:
        return "EncryptedPackage".encode("utf-16-le") in path.read_bytes()[:1 << 20]
    except OSError:
        return False


def not_a_workbook(path: Path, role: str = "文件") -> str:
    """The Chinese sentence for a ``path`` that could not be opened as a workbook."""
    kind = sniff(path)
    if kind in OTHER_KINDS:
        return f"{role} {path.name} 无法打开：{OTHER_KINDS[kind]}"
    if kind == "text":
        return f"{role} {path.name} 无法打开：它是纯文本文件，不是 Excel 工作簿"
    if kind in ("html", "xml"):
        return f"{role} {path.name} 无法打开：它是网页/XML 格式的表格，请用 Excel 或 WPS“另存为” Excel 工作簿（.xlsx）"
    if kind == "encrypted":
        return f"{role} {path.name} 无法打开：文件设置了打开密码，请取消密码后保存再用"
    return f"{role} {path.name} 无法打开：文件已损坏，或不是 Excel 工作簿"
