#!/usr/bin/env python3
"""Reproduces the bundled fonts: CrmFlowSansSC-{Regular,Bold}.otf.

They are subsets of Noto Sans CJK SC (SIL Open Font License 1.1) from
Debian's `fonts-noto-cjk` package, renamed "CrmFlow Sans SC" because a
subset is a Modified Version under the OFL and "Noto" is a trademark (the
copyright and license records are kept; see OFL.txt next to this file).

Coverage: Basic Latin, Latin-1, general punctuation, CJK symbols and
punctuation, fullwidth forms, arrows, math operators, number forms, geometric
shapes used by the renderer, and the 3,755 hanzi of GB2312 level 1. Layout
features: ccmp, liga, kern. No hinting (rendering is at any scale).

    apt-get install fonts-noto-cjk
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install 'fonttools==4.*'
    /tmp/ft/bin/python src/render/fonts/make_fonts.py
"""

import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
FAMILY = "CrmFlow Sans SC"
HERE = pathlib.Path(__file__).resolve().parent


def gb2312_level1():
    """The 3,755 level-1 hanzi: GB2312 rows 16-55 (0xB0A1-0xD7F9)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(chars) == 3755, len(chars)
    return chars


def codepoints():
    ranges = [
        (0x0020, 0x007E),  # Basic Latin
        (0x00A0, 0x00FF),  # Latin-1 Supplement
        (0x2000, 0x206F),  # General Punctuation
        (0x2070, 0x209F),  # superscripts and subscripts
        (0x20A0, 0x20BF),  # currency symbols
        (0x2100, 0x214F),  # letterlike symbols
        (0x2150, 0x218F),  # Number Forms
        (0x2190, 0x21FF),  # Arrows
        (0x2200, 0x22FF),  # Mathematical Operators
        (0x2460, 0x24FF),  # enclosed alphanumerics (①)
        (0x25A0, 0x25FF),  # geometric shapes (▸ ● ◆)
        (0x2600, 0x26FF),  # miscellaneous symbols (★ ☎)
        (0x2713, 0x2717),  # check marks
        (0x3000, 0x303F),  # CJK Symbols and Punctuation
        (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    ]
    points = {cp for start, end in ranges for cp in range(start, end + 1)}
    points.update(ord(c) for c in gb2312_level1())
    return sorted(points)


def rename(font, style):
    name = font["name"]
    keep = {0, 13, 14}  # copyright, license description, license URL
    name.names = [record for record in name.names if record.nameID in keep]
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    postscript = f"CrmFlowSansSC-{style}"
    for name_id, value in [
        (1, FAMILY),
        (2, style),
        (3, f"{postscript};subset of Noto Sans CJK SC 2.004"),
        (4, full),
        (5, "Version 2.004;subset by crmflow"),
        (6, postscript),
    ]:
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = full
        top.Notice = ""


def build(style):
    collection = TTCollection(SOURCE.format(style))
    font = next(
        f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC"
    )
    options = subset.Options()
    options.layout_features = ["ccmp", "liga", "kern"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    rename(font, style)
    out = HERE / f"CrmFlowSansSC-{style}.otf"
    font.save(out)
    print(f"{out.name}: {out.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    for style in ["Regular", "Bold"]:
        build(style)
