"""A Chinese font for reportlab PDFs that is embedded, so labels, count sheets, call
sheets and reports show their Chinese on any PC; and ``clip_text`` to fit a cell.

Order of search:

1. the file set in Settings → This counter → "Chinese font for PDFs" (``pdf.font``), or
   given on the command line with ``--font``;
2. the usual TrueType CJK fonts of the system:
   - Windows: ``C:\\Windows\\Fonts\\msyh.ttc`` (Microsoft YaHei, in every Windows since
     Vista), ``simhei.ttf`` (SimHei), ``simsun.ttc`` (SimSun), ``Deng.ttf`` (DengXian);
   - Linux: WenQuanYi Micro Hei / Zen Hei (``apt-get install fonts-wqy-microhei``),
     AR PL UMing;
   - macOS: STHeiti, Arial Unicode;
3. as a last resort reportlab's built-in ``STSong-Light``, which is **not embedded**:
   Chinese shows blank or wrong on a PC without Asian fonts, so a warning goes with it.

A Windows PC without these fonts (a trimmed or non-Chinese installation) gets them from
Settings → Apps → Optional features → Add a feature → "Chinese (Simplified)
Supplemental Fonts"; or copy any TrueType ``.ttf``/``.ttc`` Chinese font onto the PC and
set its path in the setting above. Noto Sans CJK / Source Han Sans (``.otf`` or OTF-based
``.ttc``) have PostScript outlines, which reportlab refuses; they are skipped. Droid Sans
Fallback is skipped too: it lacks digits and Latin letters.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from salon_desk.core.i18n import N_

FALLBACK = "STSong-Light"
N_FALLBACK_WARNING = N_(
    "No Chinese TrueType font was found, so the PDF uses STSong-Light, which is not "
    "embedded: on a PC without Asian fonts the Chinese may print blank. Set a font file "
    "in Settings (Chinese font for PDFs)."
)
N_BAD_FONT = N_("The font file cannot be used for Chinese PDFs: {path}")

#: Characters a font must draw to be used: Chinese, digits, Latin, the yuan sign.
_NEEDED = "价格会员盘点表0123456789ABCxyz.￥"


@dataclass(frozen=True, slots=True)
class PdfFont:
    name: str  # registered reportlab font name
    path: str | None  # None for the built-in CID font
    embedded: bool
    warning: str | None = None  # an English source text (N_), shown translated
    warning_path: str | None = None


def _windows_fonts() -> list[Path]:
    root = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [root / n for n in ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "Deng.ttf")]


def candidates() -> list[Path]:
    linux = [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    ]
    mac = [
        Path("/System/Library/Fonts/STHeiti Medium.ttc"),
        Path("/System/Library/Fonts/STHeiti Light.ttc"),
        Path("/Library/Fonts/Arial Unicode.ttf"),
        Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
    ]
    if sys.platform.startswith("win"):
        return _windows_fonts() + linux + mac
    return linux + mac + _windows_fonts()


def _register(path: Path) -> str | None:
    """Register ``path`` (first face of a collection) and return its font name, or
    ``None`` when reportlab cannot use it or it lacks the characters we print."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = "SalonCJK-" + hashlib.sha1(str(path).encode()).hexdigest()[:8]
    try:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, str(path), subfontIndex=0)
            mapping = font.face.charToGlyph
            if any(ord(ch) not in mapping for ch in _NEEDED):
                return None
            pdfmetrics.registerFont(font)
    except (TTFError, OSError, ValueError, KeyError):
        return None
    return name


@cache
def _find(configured: str | None) -> PdfFont:
    warning_path = None
    if configured:
        path = Path(configured).expanduser()
        name = _register(path) if path.is_file() else None
        if name:
            return PdfFont(name, str(path), True)
        warning_path = str(path)
    for path in candidates():
        if path.is_file():
            name = _register(path)
            if name:
                warning = N_BAD_FONT if warning_path else None
                return PdfFont(name, str(path), True, warning, warning_path)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return PdfFont(FALLBACK, None, False, N_FALLBACK_WARNING, warning_path)


def cjk_font(configured: str | None = None) -> PdfFont:
    """The font to draw Chinese with; ``configured`` is a path the user chose."""
    return _find((configured or "").strip() or None)


def clip_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points in ``font``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
