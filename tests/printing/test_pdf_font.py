"""The embedded CJK font: shipped with its licence, found when frozen, CFF fonts refused."""

from pathlib import Path

import pytest

from unionoffice.printing import fonts


def test_bundled_font_ships_with_its_apache_licence():
    font = fonts.bundled_font()
    licence = font.parent / "LICENSE-wqy-microhei.txt"
    assert font.is_file() and font.stat().st_size > 1_000_000
    text = licence.read_text(encoding="utf-8")
    assert "WenQuanYi" in text and "Apache License" in text and "Version 2.0" in text
    assert "END OF TERMS AND CONDITIONS" in text  # the full text, not a pointer to it


def test_registered_font_is_truetype_with_chinese(monkeypatch):
    assert fonts.register_font() == fonts.FONT_NAME
    assert fonts.chosen_font_path().suffix in (".ttc", ".ttf")


def test_resources_are_found_inside_a_frozen_build(monkeypatch, tmp_path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert fonts.resources_dir() == tmp_path / "resources"
    assert fonts.bundled_font() == tmp_path / "resources" / "fonts" / fonts.BUNDLED


def test_unusable_candidates_are_skipped(tmp_path, monkeypatch):
    bogus = tmp_path / "broken.ttf"
    bogus.write_bytes(b"not a font")
    assert fonts._usable(bogus) is None
    assert fonts._usable(tmp_path / "missing.ttf") is None
    monkeypatch.setenv(fonts.ENV_OVERRIDE, str(bogus))
    assert fonts.candidates()[0] == bogus and fonts.bundled_font() in fonts.candidates()


def test_cff_opentype_and_latin_only_fonts_are_refused():
    """Noto CJK-like CFF outlines cannot be embedded by reportlab; a font without Chinese is useless."""
    tried = [p for p in Path("/usr/share/fonts").glob("**/*.otf")][:3] + \
            [p for p in Path("/usr/share/fonts").glob("**/DejaVuSans.ttf")][:1]
    if not tried:
        pytest.skip("no OpenType/CFF or Latin-only font on this machine to try")
    for path in tried:
        assert fonts._usable(path) is None, path
