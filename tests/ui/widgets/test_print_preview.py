"""The print preview: a PDF from the printing modules shown page by page on white (QtPdf renders
a transparent background), sent to a printer, and its 正式打印 asking before it locks anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from roll_fixtures import build_roll
from unionoffice.core.assistance import campaigns
from unionoffice.core.hardship import records as hardship
from unionoffice.printing.disbursement import print_disbursement
from unionoffice.ui.widgets.print_preview import PrintPreviewDialog, open_pdf, print_document, render_page


@pytest.fixture
def campaign(store):
    ids = build_roll(store)
    campaign_id = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-15",
                                                   "funding_source": "街道总工会", "standard_amount": "500"})
    for member in ("zeng", "li"):
        hardship.create_hardship_file(store, {"member_id": ids[member], "category": "深度困难", "level": "街道",
                                              "main_cause": "本人大病", "household_size": 2, "filed_date": "2025-06-01"})
        campaigns.add_recipient(store, campaign_id, {"member_id": ids[member]})
    return campaign_id


@pytest.fixture
def sheet_pdf(store, campaign, tmp_path) -> Path:
    return print_disbursement(store, campaign, tmp_path / "sheet.pdf").path


@pytest.fixture
def preview(qtbot, sheet_pdf):
    dialog = PrintPreviewDialog(sheet_pdf, "测试发放表")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def dark_pixels(image, step: int = 4) -> int:
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_page_one_renders_on_white_and_is_not_blank(preview):
    image = preview.page_image(0)
    assert image.width() > 300 and image.height() > 200
    assert not image.hasAlphaChannel()
    assert QColor(image.pixel(2, 2)) == QColor("white")  # the page margin: white, not transparent/black
    assert dark_pixels(image) > 50  # title, grid and names are drawn
    assert preview.page_label.text() == "第 1 页 / 共 1 页"
    assert not preview.next_button.isEnabled()
    assert preview.image_label.pixmap().width() == image.width()


def test_render_page_is_landscape_a4_at_the_given_dpi(sheet_pdf):
    doc = open_pdf(sheet_pdf)
    image = render_page(doc, 0, 72)
    assert (image.width(), image.height()) == (842, 595)  # A4 landscape in points
    doc.close()


def test_print_document_to_a_pdf_printer(tmp_path, sheet_pdf):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    doc = open_pdf(sheet_pdf)
    assert print_document(doc, printer, dpi=100) == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert open_pdf(tmp_path / "printed.pdf").pageCount() == 1


def test_print_button_cancelled_prints_nothing(monkeypatch, preview):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 0)
    assert preview.print_pages() == 0


def test_preview_without_finalize_offers_no_lock(preview):
    assert not preview.final_button.isVisible()
    assert preview.make_final() is None


def test_final_print_asks_then_locks_through_the_callback(qtbot, store, campaign, sheet_pdf, tmp_path, messages):
    made = []

    def finalize():
        made.append(1)
        return print_disbursement(store, campaign, tmp_path / "final.pdf", final=True)

    dialog = PrintPreviewDialog(sheet_pdf, "测试发放表", finalize=finalize, lock_note="两笔金额将锁定。")
    qtbot.addWidget(dialog)
    messages.answer = messages.answer.No
    assert dialog.make_final() is None and made == []
    assert campaigns.campaign_totals(store, campaign)["locked"] == 0
    messages.answer = messages.answer.Yes
    result = dialog.make_final()
    question = messages.of("question")[-1][2]
    assert "两笔金额将锁定" in question and "更正/冲正" in question
    assert result.locked_now == 2 and dialog.path == tmp_path / "final.pdf"
    assert campaigns.campaign_totals(store, campaign)["locked"] == 2
    assert "已定稿：本次锁定 2 笔" in dialog.state_label.text()


def test_a_file_that_is_not_a_pdf_is_a_plain_message(tmp_path):
    from unionoffice.core.errors import UserError

    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserError, match="无法打开"):
        open_pdf(bad)


def test_print_document_can_be_stopped_between_pages(tmp_path, store, campaign):
    from unionoffice.printing.receipts import print_receipts

    pdf = print_receipts(store, tmp_path / "receipts.pdf", campaign_id=campaign).path
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "stopped.pdf"))
    seen = []
    sent = print_document(open_pdf(pdf), printer, dpi=50, progress=lambda done, total: seen.append(done) or False)
    assert sent == 0 and seen == [0]


def test_save_as_is_whole_and_owner_only_and_a_full_disk_is_explained(preview, tmp_path, monkeypatch):
    import errno
    import os
    import shutil

    from PySide6.QtWidgets import QFileDialog

    from unionoffice.ui.widgets import errors as error_dialogs

    target = tmp_path / "另存" / "发放表.pdf"
    target.parent.mkdir()
    titles = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, *a: (titles.append(title), (str(target), ""))[1])
    assert preview.save_as() == target
    assert "个人信息" in titles[0]
    assert target.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    target.unlink()

    def full(src, dst, *a, **k):
        Path(dst).write_bytes(b"%PDF partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    shown = []
    monkeypatch.setattr(shutil, "copyfile", full)
    monkeypatch.setattr(error_dialogs, "show_user_error", lambda parent, err, title: shown.append(str(err)))
    assert preview.save_as() is None
    assert "磁盘空间不足" in shown[0]
    assert list(target.parent.iterdir()) == []
