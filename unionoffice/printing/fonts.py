"""The CJK font every printed document uses, registered with reportlab and embedded in the PDF.

A PDF that only *names* a Chinese font (reportlab's built-in STSong-Light) prints as boxes or in
a substitute font on a PC that lacks it, so we always embed a TrueType font. In order:

1. ``UNIONOFFICE_PDF_FONT`` (a .ttf/.ttc path) when set — for an office that wants a given face;
2. the PC's 宋体/仿宋 (SimSun ``simsun.ttc``, FangSong ``simfang.ttf``) that official paper
   usually uses — the Windows Fonts folder, or a Linux desktop that has them installed;
3. WenQuanYi Micro Hei (文泉驿微米黑), shipped in ``resources/fonts`` (Apache-2.0).

A candidate that reportlab cannot embed (CFF/OpenType outlines such as Noto CJK) or that lacks
common Chinese characters is skipped. Layout always measures text with the font actually chosen,
so documents fit whichever face is used.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_NAME = "UnionOfficeCJK"
BUNDLED = "wqy-microhei.ttc"
ENV_OVERRIDE = "UNIONOFFICE_PDF_FONT"
# Characters every one of our documents prints; a font missing any of them is not used.
PROBE = "慰问金发放表合计壹贰叁肆伍陆柒捌玖拾佰仟万亿元整第页共签领"
_WINDOWS_FILES = ("simsun.ttc", "simfang.ttf")
_FC_FAMILIES = ("SimSun", "FangSong", "宋体", "仿宋")
_LINUX_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".local/share/fonts"),
               str(Path.home() / ".fonts"))

_chosen: Path | None = None


def resources_dir() -> Path:
    """``resources/`` beside the package, or inside the PyInstaller folder when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def bundled_font() -> Path:
    return resources_dir() / "fonts" / BUNDLED


def _windows_fonts() -> list[Path]:
    root = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
    return [folder / name for name in _WINDOWS_FILES for folder in (root, local)]


def _fontconfig_fonts() -> list[Path]:
    """Files fontconfig lists for SimSun/FangSong. ``fc-match`` is not used: it answers with a
    substitute (DejaVu) when the family is missing."""
    found: list[Path] = []
    for family in _FC_FAMILIES:
        try:
            out = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True, text=True,
                                 timeout=3, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return found
        found += [Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip()]
    return found


def _linux_paths() -> list[Path]:
    out = []
    for folder in _LINUX_DIRS:
        for name in _WINDOWS_FILES:
            out += list(Path(folder).glob(f"**/{name}")) if Path(folder).is_dir() else []
    return out


def candidates() -> list[Path]:
    """Font files to try, best first (see the module docstring)."""
    found: list[Path] = []
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        found.append(Path(override))
    if sys.platform == "win32":
        found += _windows_fonts()
    else:
        found += _fontconfig_fonts() + _linux_paths()
    found.append(bundled_font())
    found.append(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))  # a source checkout without resources
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def _usable(path: Path) -> TTFont | None:
    if not path.is_file():
        return None
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError):
        return None  # CFF outlines, a damaged file, an unreadable collection
    char_map = font.face.charToGlyph
    if any(ord(ch) not in char_map for ch in PROBE):
        return None
    return font


def register_font() -> str:
    """Register the chosen font once per process and return its reportlab name."""
    global _chosen
    if _chosen is not None:
        return FONT_NAME
    for path in candidates():
        font = _usable(path)
        if font is not None:
            pdfmetrics.registerFont(font)
            _chosen = path
            return FONT_NAME
    from ..core.errors import UserError

    raise UserError("找不到可嵌入 PDF 的中文字体：请重新安装本程序（resources/fonts 中应有 wqy-microhei.ttc）")


def chosen_font_path() -> Path | None:
    """The file behind FONT_NAME (after ``register_font``)."""
    return _chosen
