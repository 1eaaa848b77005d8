"""The embedded CJK font for the summary report, from the shared ``printing/fonts.py``, mapped
as a family so that reportlab Paragraphs (which look fonts up by family) can use it."""

from __future__ import annotations


def cjk_font() -> str:
    """The registered reportlab font name to draw Chinese with (embedded, never STSong-Light)."""
    from reportlab.lib.fonts import addMapping

    from .fonts import register_font

    name = register_font()
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name
