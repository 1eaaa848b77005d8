"""Draws the application icon: unionoffice.png (256 px) and unionoffice.ico (16–256 px).

Both files are in git, so a fresh clone builds without running this; run it again only to change
the design:  python resources/icons/make_icon.py
A red rounded square (the union's colour) with a white 工 in the bundled WenQuanYi font, and a
small gold folder tab that says "office".
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "wqy-microhei.ttc"
RED, GOLD, WHITE = (200, 30, 35, 255), (250, 200, 60, 255), (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin, radius = size // 16, size // 6
    # the folder tab above the body
    pen.rounded_rectangle((margin, margin, size // 2, margin + size // 5), size // 20, fill=GOLD)
    pen.rounded_rectangle((margin, margin + size // 12, size - margin, size - margin), radius, fill=RED)
    font = ImageFont.truetype(str(FONT), int(size * 0.62))
    centre = (size // 2, margin + size // 12 + (size - 2 * margin - size // 12) // 2)
    # a stroke thickens the glyph so that it still reads at 16 px
    pen.text(centre, "工", font=font, fill=WHITE, anchor="mm", stroke_width=size // 28, stroke_fill=WHITE)
    return image


def main() -> None:
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(HERE / "unionoffice.png", optimize=True)
    big.save(HERE / "unionoffice.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
