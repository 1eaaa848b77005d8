"""What every printed document shares: page sizes, the canvas that writes 第 N 页 共 M 页, the
预览 watermark, fitting text into a cell, and writing the PDF without leaving half a file.

Final versus preview: a preview carries a diagonal "预览" watermark and a header line saying it is
not for signature, and locks nothing. The final version is printed only after the rows have been
locked (``campaigns.mark_printed``) inside the same transaction, so paper for signature always
shows exactly what the database holds.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..core.errors import UserError
from ..core.store.outfile import release_quietly, write_error
from ..core.values.ids import mask_id_number
from ..core.values.money import format_money
from .fonts import register_font

PORTRAIT = A4
LANDSCAPE = landscape(A4)
PREVIEW_MARK = "预览"
PREVIEW_NOTE = "预览稿 · 未定稿 · 不作签领凭证"
FOOTER_SIZE = 9

__all__ = ["PORTRAIT", "LANDSCAPE", "mm", "PagedCanvas", "PrintResult", "fit_lines", "draw_fitted",
           "draw_preview_mark", "money", "masked_id", "write_pdf", "font"]


def font() -> str:
    return register_font()


def money(fen: int) -> str:
    """'1,234.50' — always two decimals, as every money cell shows it."""
    return format_money(fen)


def masked_id(id_number: str | None) -> str:
    """身份证号 on paper: region and last 4 kept, birth date and sequence hidden."""
    return mask_id_number(id_number)


@dataclass
class PrintResult:
    """What a print job produced, for the CLI's one-line report and the GUI's status bar."""

    path: Path
    pages: int
    rows: int
    amount: int  # fen, money only (goods value separate)
    goods_value: int = 0
    final: bool = False
    locked_now: int = 0
    reprinted: int = 0  # receipts printed again with their old number (补打)


class PagedCanvas(Canvas):
    """A canvas that holds every page back until the document is complete, then decorates each
    one knowing the page count (第 N 页 共 M 页, the preview watermark) before writing it.

    ``decorate(canvas, page_no, page_count)`` is given at construction; platypus documents pass
    ``canvasmaker=PagedCanvas.maker(decorate)``.
    """

    def __init__(self, *args, decorate: Callable[[Canvas, int, int], None] | None = None, **kwargs):
        # reportlab starts every page in Helvetica, which would be listed as a non-embedded font
        # (platypus passes initialFontName=None explicitly)
        kwargs["initialFontName"] = kwargs.get("initialFontName") or font()
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
        self._decorate = decorate

    @classmethod
    def maker(cls, decorate: Callable[[Canvas, int, int], None]):
        return lambda *args, **kwargs: cls(*args, decorate=decorate, **kwargs)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if self._code:  # something drawn after the last showPage: that is a page too
            self._held.append(dict(self.__dict__))
        count = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            if self._decorate:
                self._decorate(self, number, count)
            Canvas.showPage(self)
        Canvas.save(self)

    @property
    def page_count(self) -> int:
        return len(self._held)


def page_footer(canvas: Canvas, number: int, count: int, *, preview: bool, left: str = "") -> None:
    """第 N 页 共 M 页 centred at the bottom; the preview mark when not final."""
    width, _ = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font(), FOOTER_SIZE)
    canvas.setFillGray(0)
    canvas.drawCentredString(width / 2, 8 * mm, f"第 {number} 页  共 {count} 页")
    if left:
        canvas.drawString(12 * mm, 8 * mm, left)
    canvas.restoreState()
    if preview:
        draw_preview_mark(canvas)


def draw_preview_mark(canvas: Canvas) -> None:
    """A large pale diagonal 预览 and a red note at the top right: this sheet is not for signature."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font(), 120)
    canvas.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.12)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(30)
    canvas.drawCentredString(0, -40, PREVIEW_MARK)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFont(font(), 9)
    canvas.setFillColorRGB(0.75, 0.1, 0.1)
    canvas.drawRightString(width - 12 * mm, height - 8 * mm, f"【{PREVIEW_NOTE}】")
    canvas.restoreState()


LEADING = 1.15


def fit_lines(text: str, width: float, size: float, *, min_size: float = 6.5, max_lines: int = 2,
              height: float | None = None) -> tuple[list[str], float]:
    """Break ``text`` into lines that fit ``width`` (at most ``max_lines``, and no more than fit
    ``height``), shrinking the font down to ``min_size`` if needed; as a last resort the last
    line ends in '…' (the full text stays on record)."""
    name = font()
    text = " ".join(str(text or "").split())
    full = stringWidth(text, name, size)
    if full <= width:  # the usual case, without wrapping per character
        return [text], size
    if full * 0.85 <= width or max_lines == 1:  # a little too long: shrink rather than break a name in two
        shrunk = max(min_size, size * width / full)
        if stringWidth(text, name, shrunk) <= width:
            return [text], shrunk

    def allowed(at: float) -> int:
        return max(1, min(max_lines, int(height // (at * LEADING)) if height else max_lines))

    current = size
    while True:
        lines = _wrap(text, name, current, width)
        if len(lines) <= allowed(current):
            return lines, current
        if current <= min_size:
            break
        current = max(min_size, current - 0.5)
    lines = _wrap(text, name, current, width)[:allowed(current)]
    last = lines[-1]
    while last and stringWidth(last + "…", name, current) > width:
        last = last[:-1]
    lines[-1] = last + "…"
    return lines, current


def _wrap(text: str, name: str, size: float, width: float) -> list[str]:
    """Character-level wrapping (Chinese has no spaces to break at)."""
    if not text:
        return [""]
    lines, line, used = [], "", 0.0
    for ch in text:
        w = stringWidth(ch, name, size)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    lines.append(line)
    return lines


def draw_fitted(canvas: Canvas, text: str, x: float, y_mid: float, width: float, *, size: float = 10,
                align: str = "left", min_size: float = 6.5, max_lines: int = 2, pad: float = 3,
                height: float | None = None) -> None:
    """Text in a cell whose vertical middle is ``y_mid``: wrapped, shrunk, aligned; ``height``
    (the cell's) limits how many lines fit."""
    if text in (None, ""):
        return
    inner = width - 2 * pad
    lines, used = fit_lines(str(text), inner, size, min_size=min_size, max_lines=max_lines,
                            height=None if height is None else height - 2)
    leading = used * LEADING
    # baseline of the first line so that the block is centred on y_mid (CJK glyphs sit ~0.12em low)
    top = y_mid + (len(lines) - 1) * leading / 2 - used * 0.36
    canvas.setFont(font(), used)
    for i, line in enumerate(lines):
        y = top - i * leading
        if align == "right":
            canvas.drawRightString(x + width - pad, y, line)
        elif align == "center":
            canvas.drawCentredString(x + width / 2, y, line)
        else:
            canvas.drawString(x + pad, y, line)


def bold_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, centred: bool = False) -> None:
    """Titles: the TrueType face has one weight, so bold is drawn as fill + a thin outline."""
    canvas.saveState()
    canvas.setFont(font(), size)
    canvas.setLineWidth(size * 0.03)
    text_obj = canvas.beginText()
    text_obj.setTextRenderMode(2)
    text_obj.setFont(font(), size)
    start = x - stringWidth(text, font(), size) / 2 if centred else x
    text_obj.setTextOrigin(start, y)
    text_obj.textOut(text)
    canvas.drawText(text_obj)
    canvas.restoreState()


def write_pdf(out: str | Path, render: Callable[[Path], None]) -> Path:
    """Render into a temporary file beside ``out`` and move it into place, so a failure (or a
    PDF viewer holding the old file open) never leaves a half-written document behind."""
    with staged_pdf(out, render) as staged:
        pass
    return staged.target


class StagedPdf:
    """A rendered PDF waiting beside its target until the caller's transaction has committed."""

    def __init__(self, tmp: Path, target: Path):
        self.tmp, self.target = tmp, target

    def publish(self) -> Path:
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            raise write_error(exc, self.target) from None
        return self.target

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


@contextmanager
def staged_pdf(out: str | Path, render: Callable[[Path], None], *, publish: bool = True) -> Iterator[StagedPdf]:
    """Render now; publish on leaving the block (or let the caller publish later).

    A final print locks rows and renders inside one transaction, and publishes the PDF only after
    the commit: a crash in between leaves locked rows without a PDF (print again for a clean
    copy), never a final-looking sheet whose rows are still editable.
    """
    target = Path(out).expanduser().resolve()
    if target.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应为 .pdf：{target.name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(prefix=".~" + target.stem, suffix=".pdf", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise write_error(exc, target) from None
    staged = StagedPdf(Path(tmp_name), target)
    try:
        try:
            render(staged.tmp)
        except OSError as exc:
            error = write_error(exc, target)
            release_quietly(exc)
            staged.discard()  # never published: nobody else will remove it
            raise error from None
        except BaseException:
            staged.discard()
            raise
        yield staged
        if publish:
            staged.publish()
    finally:
        if publish:
            staged.discard()


class _Stage:
    """Callable handed out by ``publish_after_commit``: ``stage(render)`` renders the PDF now."""

    def __init__(self, out: str | Path):
        self.out = out
        self.staged: StagedPdf | None = None
        self.target: Path | None = None

    def __call__(self, render: Callable[[Path], None]) -> None:
        with staged_pdf(self.out, render, publish=False) as staged:
            self.staged = staged


def check_target(out: str | Path) -> Path:
    """Refuse, before anything is locked or numbered, a target the PDF could never be moved to:
    a folder, a folder we may not write in, or a file another program holds (on Windows a PDF
    open in a viewer cannot be replaced)."""
    target = Path(out).expanduser().resolve()
    if target.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应为 .pdf：{target.name}")
    if target.is_dir():
        raise UserError(f"无法写入 {target}：这是一个文件夹，请另选一个 PDF 文件名")
    folder = target.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"无法在 {folder} 写入文件：没有写入权限，请另选位置")
    if target.exists():
        try:
            with open(target, "r+b"):
                pass
        except PermissionError as exc:
            raise UserError(f"无法写入 {target}：文件可能正被其他程序（如 PDF 阅读器）打开，或为只读，请关闭后重试") from exc
        except OSError as exc:
            raise UserError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    return target


@contextmanager
def publish_after_commit(store, out: str | Path) -> Iterator[_Stage]:
    """One transaction for the records (e.g. locking printed rows, giving out receipt numbers)
    and the PDF: it is rendered to a temporary name, and moved to ``out`` as the last step
    *inside* the transaction. If the move fails (a folder, a read-only place, a file held open
    by a viewer) the transaction rolls back: nothing is locked and no receipt number is spent."""
    check_target(out)
    stage = _Stage(out)
    try:
        with store.snapshot():  # a preview beside the open window only reads
            yield stage
            if stage.staged is None:
                raise RuntimeError("publish_after_commit: nothing was rendered")
            stage.target = stage.staged.publish()
    finally:
        if stage.staged is not None:
            stage.staged.discard()
