"""Preview and print a PDF made by ``unionoffice.printing`` (发放表, 收据, 慰问名单).

Pages are rendered with QtPdf and painted onto white (QtPdf leaves the page background
transparent, which shows as black or grey in a label and on some printers). 打印 sends the same
rendered pages to a printer chosen in the system print dialog.

A preview is only a preview: 正式打印（锁定） asks first — saying that the amounts will be locked —
then calls the caller's ``finalize()``, which makes the final PDF through core (locking the rows)
and returns its PrintResult; the dialog then shows that final PDF, ready to print.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton,
    QScrollArea, QVBoxLayout, QWidget,
)

from .personal import personal_title
from ...core.store.outfile import staged_output
from ...core.errors import UserError
from ...core.values.money import format_money
from . import errors
from .form_helpers import last_folder, remember_folder

ZOOMS = (("适合宽度", 0.0), ("75%", 0.75), ("100%", 1.0), ("150%", 1.5))
SCREEN_DPI = 96
PRINT_DPI = 300


def render_page(doc: QPdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` at ``dpi``, on an opaque white background."""
    points = doc.pagePointSize(index)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    page = doc.render(index, size)
    out = QImage(size, QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, page)
    painter.end()
    return out


def open_pdf(path: Path | str, parent=None) -> QPdfDocument:
    doc = QPdfDocument(parent)
    error = doc.load(str(path))
    if error != QPdfDocument.Error.None_ or doc.pageCount() < 1:
        raise UserError(f"无法打开要预览的 PDF：{path}")
    return doc


def print_document(doc: QPdfDocument, printer, dpi: int = PRINT_DPI,
                   progress: Callable[[int, int], bool] | None = None) -> int:
    """Send every page to ``printer`` (already set up), each scaled to fit the page; returns the
    pages sent. ``progress(done, total)`` returning False stops the job (the printer aborts it)."""
    from PySide6.QtGui import QPageLayout

    first = doc.pagePointSize(0)
    landscape = first.width() > first.height()
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("无法开始打印，请检查打印机是否可用")
    try:
        for index in range(doc.pageCount()):
            if progress is not None and not progress(index, doc.pageCount()):
                printer.abort()
                return index
            if index:
                printer.newPage()
            image = render_page(doc, index, dpi)
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
    finally:
        painter.end()
    return doc.pageCount()


class PrintPreviewDialog(QDialog):
    """Show ``path``; ``finalize`` (optional) makes and returns the final, locking print."""

    finalized = Signal(object)  # the PrintResult of the final print

    def __init__(self, path: Path | str, title: str, parent: QWidget | None = None, *,
                 finalize: Callable[[], Any] | None = None, lock_note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"打印预览：{title}")
        self.title = title
        self.finalize = finalize
        self.lock_note = lock_note
        self.path = Path(path)
        self.doc: QPdfDocument | None = None
        self.page = 0
        self.resize(1100, 760)
        self._build()
        self.load(self.path)

    def _build(self) -> None:
        self.prev_button, self.next_button = QPushButton("上一页"), QPushButton("下一页")
        self.page_label = QLabel()
        self.zoom_combo = QComboBox()
        for text, value in ZOOMS:
            self.zoom_combo.addItem(text, value)
        self.print_button = QPushButton("打印…")
        self.save_button = QPushButton("另存为 PDF…")
        self.final_button = QPushButton("正式打印（锁定）…")
        self.final_button.setObjectName("finalPrintButton")
        self.final_button.setStyleSheet("font-weight: bold;")
        self.final_button.setVisible(self.finalize is not None)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (self.prev_button, self.page_label, self.next_button, self.zoom_combo):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.save_button, self.print_button, self.final_button):
            bar.addWidget(widget)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #888; }")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.state_label)
        layout.addWidget(self.scroll, 1)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self.show_page(self.page))
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as)
        self.final_button.clicked.connect(self.make_final)

    def load(self, path: Path) -> None:
        if self.doc is not None:
            self.doc.close()
        self.path = Path(path)
        self.doc = open_pdf(self.path, self)
        self.show_page(0)

    def page_image(self, index: int | None = None) -> QImage:
        """The page as shown (tests look at its pixels)."""
        zoom = self.zoom_combo.currentData() or 0.0
        index = self.page if index is None else index
        if not zoom:
            width_pt = self.doc.pagePointSize(index).width() or 1
            zoom = max(0.3, (self.scroll.viewport().width() - 24) / (width_pt * SCREEN_DPI / 72))
        return render_page(self.doc, index, SCREEN_DPI * zoom)

    def show_page(self, index: int) -> None:
        count = self.doc.pageCount()
        self.page = max(0, min(index, count - 1))
        self.image_label.setPixmap(QPixmap.fromImage(self.page_image()))
        self.page_label.setText(f"第 {self.page + 1} 页 / 共 {count} 页")
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < count - 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._refit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self._refit)  # the viewport has its real width only once shown

    def _refit(self) -> None:
        if self.doc is not None and not self.zoom_combo.currentData():
            self.show_page(self.page)

    # ------------------------------------------------------------------ printing
    def print_pages(self) -> int:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印：{self.title}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        bar = QProgressDialog("正在打印…", "取消", 0, self.doc.pageCount(), self)
        bar.setWindowTitle(f"打印：{self.title}")
        bar.setWindowModality(Qt.WindowModality.WindowModal)
        bar.setMinimumDuration(400)

        def progress(done: int, total: int) -> bool:
            bar.setValue(done)
            bar.setLabelText(f"正在打印第 {done + 1} 页，共 {total} 页")
            QApplication.processEvents()
            return not bar.wasCanceled()

        try:
            return print_document(self.doc, printer, progress=progress)
        except UserError as err:
            errors.show_user_error(self, err, "打印未完成")
            return 0
        finally:
            bar.reset()
            bar.deleteLater()

    def save_as(self) -> Path | None:
        default = Path(last_folder("print", Path.home())) / f"{self.title}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, personal_title("另存为 PDF"), str(default), "PDF 文件 (*.pdf)")
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            with staged_output(target) as tmp:  # whole or not at all, owner-only (names and 身份证号)
                shutil.copyfile(self.path, tmp)
        except UserError as err:
            errors.show_user_error(self, err, "另存为未完成")
            return None
        remember_folder("print", target)
        return target

    def make_final(self):
        """Confirm, then lock through core and show the final PDF."""
        if self.finalize is None:
            return None
        answer = QMessageBox.question(
            self, "正式打印（锁定）",
            f"正式打印“{self.title}”交签领后：\n\n{self.lock_note or '本次打印的每一笔金额都将锁定。'}\n"
            "锁定后不能修改或删除，只能另做更正/冲正记录。\n\n请先在预览中核对姓名和金额。确定正式打印吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            result = self._finalize_checked()
        except UserError as err:
            errors.show_user_error(self, err, "正式打印未完成")
            return None
        if result is None:
            return None
        self.load(result.path)
        self.final_button.setEnabled(False)
        locked = f"本次锁定 {result.locked_now} 笔，" if result.locked_now else ""
        goods = f"，实物折合 {format_money(result.goods_value)} 元" if getattr(result, "goods_value", 0) else ""
        self.state_label.setText(f"已定稿：{locked}共 {result.rows} 条，金额合计 {format_money(result.amount)} 元{goods}。"
                                 "请点“打印…”打印交签领。")
        self.state_label.setStyleSheet("color: #1e7b34; font-weight: bold;")
        self.finalized.emit(result)
        return result

    def _finalize_checked(self):
        """The final print; when core lists people already paid the same kind that year (a
        warning it lets the clerk overrule), show them and print only if she confirms."""
        try:
            return self.finalize()
        except UserError as err:
            if not hasattr(err, "found") or getattr(err, "refused", True):
                raise
            answer = QMessageBox.question(
                self, "可能重复发放", f"{err}\n\n什么都还没有锁定。核对无误、确实要发给他们吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
            return self.finalize(allow_duplicates=True)

    def done(self, result: int) -> None:
        if self.doc is not None:
            self.doc.close()
        super().done(result)
