"""The embedded font family: Noto Sans (SIL Open Font License), shipped in resources/fonts/."""

from __future__ import annotations

import threading
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.paths import resources_dir

FAMILY = "RcmSans"
REGULAR = "RcmSans"
BOLD = "RcmSans-Bold"
ITALIC = "RcmSans-Italic"
BOLD_ITALIC = "RcmSans-BoldItalic"

_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the family with reportlab once (thread-safe); fails clearly if a file is missing."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        for name, file_name in _FILES.items():
            path = folder / file_name
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as error:  # reportlab raises TTFError or OSError
                raise RcmDeskError(
                    _(
                        "The font file %(path)s is missing or damaged, so no PDF can be "
                        "printed. Reinstall RCM Desk to restore it."
                    )
                    % {"path": path}
                ) from error
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _make_default()
        for bold, italic, name in (
            (0, 0, REGULAR),
            (1, 0, BOLD),
            (0, 1, ITALIC),
            (1, 1, BOLD_ITALIC),
        ):
            addMapping(FAMILY, bold, italic, name)
        _registered = True


def _make_default() -> None:
    """Make the family reportlab's default, so no PDF ever names an unembedded Helvetica.

    Table cells and new canvases fall back to reportlab's base font when a style does not
    name one; a document printed on a machine without Helvetica would then substitute it.
    """
    from reportlab import rl_config
    from reportlab.platypus import tables

    rl_config.canvas_basefontname = REGULAR
    tables.CellStyle.fontname = REGULAR


@cache
def covered_code_points() -> frozenset[int]:
    """The characters every face of the family can draw."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FILES]  # type: ignore[attr-defined]
    common = set(faces[0])
    for face in faces[1:]:
        common &= set(face)
    return frozenset(common)
