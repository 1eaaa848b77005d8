"""What calamine's cell values don't say about an .xlsx: its date system and uncalculated formulas.

- A workbook saved with the 1904 date system (Excel for Mac, some old templates) counts day
  serials from 1904-01-01: a date typed into a General cell reads as 43586 there, which the
  1900 calendar takes for a day four years earlier. Date cells themselves calamine converts.
- A formula written by a program that never calculated it (no cached value) reads as an empty
  cell: a phone or an ID would silently go missing. Such cells are found in the sheet's XML and
  handed on as ``Uncalculated`` so the row is refused by name.
- Zero-width characters and bidi controls are invisible in a cell but change what a name is
  ('\u202e三张' shows as 张三): ``strip_invisible`` removes them.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

FORMULA_REASON = "公式未计算，请在 Excel/WPS 中打开并保存后再导入"
INVISIBLE = frozenset([chr(c) for c in range(0x200B, 0x2010)] + [chr(c) for c in range(0x202A, 0x202F)]
                      + [chr(c) for c in range(0x2066, 0x206A)] + ["\ufeff"])
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}
EPOCH_1904 = datetime.date(1904, 1, 1)


class Uncalculated:
    """A formula cell with no cached value; shows as its formula in the problem report."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        # never a text starting with "=": the report workbook would take it for a formula again
        return f"（未计算的公式 ={self.formula}）"

    def __repr__(self) -> str:
        return f"Uncalculated({self.formula!r})"


@dataclass
class Quirks:
    date1904: bool = False
    uncached: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # sheet → (row, col) → formula


def strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE_TABLE)


def has_invisible(text: str) -> bool:
    return not text.isascii() and not INVISIBLE.isdisjoint(text)


def serial_1904(value: Any) -> Any:
    """A day serial of a 1904 workbook as the date it means; anything else as it was."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 80000:
        return EPOCH_1904 + datetime.timedelta(days=int(value))
    return value


def workbook_quirks(path: Path, *, formulas: bool = True) -> Quirks:
    """The date system and (``formulas``) the uncalculated formula cells of an .xlsx/.xlsm;
    other formats: none known (.xls and .ods store every formula's result)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" not in names:
                return Quirks()
            book = z.read("xl/workbook.xml")
            quirks = Quirks(date1904=bool(re.search(rb'date1904="(1|true)"', book)))
            for sheet, member in (_sheet_parts(z, book, names).items() if formulas else ()):
                cells = _uncached_cells(z, member)
                if cells:
                    quirks.uncached[sheet] = cells
            return quirks
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return Quirks()  # calamine says what is wrong with the file


def start_formula_scan(path: Path) -> "Future[Quirks]":
    """Look for uncalculated formulas beside the main work: the scan inflates every sheet's XML
    (40 MB for 50,000 rows), which zlib does without holding the interpreter, so on a PC with
    a second core it costs the import next to nothing."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="formula-scan")
    future = pool.submit(workbook_quirks, path)
    pool.shutdown(wait=False)
    return future


def _sheet_parts(z: zipfile.ZipFile, book: bytes, names: set[str]) -> dict[str, str]:
    """Sheet name → its XML part, through the workbook's relationships."""
    from xml.sax.saxutils import unescape

    rels = z.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    targets: dict[bytes, str] = {}
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = rel.group()
        rid, target = re.search(rb'Id="([^"]+)"', tag), re.search(rb'Target="([^"]+)"', tag)
        if rid and target:
            text = target.group(1).decode()
            targets[rid.group(1)] = text.lstrip("/") if text.startswith("/") else "xl/" + text
    out = {}
    for sheet in re.finditer(rb"<sheet\b[^>]*>", book):
        tag = sheet.group()
        name, rid = re.search(rb'name="([^"]*)"', tag), re.search(rb'r:id="([^"]+)"', tag)
        if name and rid and targets.get(rid.group(1)) in names:
            out[unescape(name.group(1).decode(), {"&quot;": '"', "&apos;": "'"})] = targets[rid.group(1)]
    return out


_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")


def _uncached_cells(z: zipfile.ZipFile, member: str) -> dict[tuple[int, int], str]:
    """(row index, column index) → formula text of the formula cells without a cached value."""
    if not _has_formula(z, member):
        return {}
    data = z.read(member)
    out: dict[tuple[int, int], str] = {}
    for found in _FORMULA.finditer(data):
        start = max(data.rfind(b"<c ", 0, found.start()), data.rfind(b":c ", 0, found.start()))
        end = data.find(b"c>", found.end())
        if start < 0 or end < 0:
            continue
        cell = data[start:end]
        head = cell[: cell.find(b">")]
        ref, kind = _CELL_REF.search(head), _TYPE.search(head)
        if not ref or _VALUE.search(cell) or (kind and kind.group(1) in (b"str", b"inlineStr") and b"<v" in cell):
            continue  # a cached value (an empty text result is one too)
        out[(int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))] = _formula_text(found.group(1))
    return out


def _has_formula(z: zipfile.ZipFile, member: str) -> bool:
    """Whether the part holds any formula at all, read as a stream: a 50,000-row sheet is 40 MB
    of XML, so nothing is kept and nothing parsed unless a formula is there."""
    tail = b""
    with z.open(member) as part:
        while chunk := part.read(1 << 20):
            window = tail + chunk
            if b"<f" in window or b":f>" in window or b":f " in window:
                return True
            tail = window[-3:]
    return False


def _formula_text(raw: bytes | None) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace")) if raw else "（共享公式）"


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>\s*([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{5,8})(?:\.[0-9]+)?\s*(Z?)\s*<")


def workbook_saved(path: Path) -> datetime.datetime | None:
    """The local time an .xlsx says it was last saved (docProps/core.xml, written by Excel and WPS on
    every save), or None: not an xlsx, not recorded, unreadable."""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")[:20000]
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return None
    found = _MODIFIED.search(core)
    if not found:
        return None
    try:
        when = datetime.datetime.fromisoformat(found.group(1).decode())
    except ValueError:
        return None
    if found.group(2):  # UTC, as Excel writes it
        when = when.replace(tzinfo=datetime.timezone.utc).astimezone().replace(tzinfo=None)
    return when
