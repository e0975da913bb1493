"""The glyph widths of a PDF font, by character code, so that the PDF reader knows where each
piece of text ends (pypdf gives where it starts). Simple fonts read /FirstChar and /Widths,
composite (Type0) fonts their descendant's /W and /DW; the standard 14 fonts, which carry no
widths, get a typical width for their family. Anything unreadable falls back on the typical
width: a width is an estimate for layout, never a reason to refuse a file."""

from __future__ import annotations

import re
from typing import Any

#: The most width entries read from one font (a CJK font's /W may describe 65,000 glyphs).
MAX_ENTRIES = 70_000
_BOLD = re.compile(r"bold|black|heavy|demi|semibold|extrabold", re.IGNORECASE)
#: Typical glyph and space widths (per 1000 units) of the standard 14 families.
_FAMILIES = (("courier", 600.0, 600.0), ("times", 450.0, 250.0), ("symbol", 600.0, 250.0),
             ("zapf", 800.0, 278.0), ("dingbat", 800.0, 278.0))  # fmt: skip
_DEFAULT = (520.0, 278.0)


class FontMetrics:
    """The widths of one font's glyphs (per 1000 units of text space), whether it is bold,
    and whether its codes take two bytes (a Type0 font)."""

    def __init__(self, font: Any) -> None:
        self.widths: dict[int, float] = {}
        self.two_bytes = False
        self.scale = 1.0
        self.default_set = False
        name = ""
        self.default, self.space = _DEFAULT
        try:
            name = str(font.get("/BaseFont", "")) if font is not None else ""
            self.default, self.space = _family_widths(name.lower())
            if font is not None:
                self._read(font)
        except Exception:  # a broken font dictionary: typical widths
            self.widths = {}
        self.bold = bool(_BOLD.search(name.split("+")[-1])) or self._heavy(font)
        if self.widths:
            known = [width for width in self.widths.values() if width > 0]
            if known and not self.default_set:
                self.default = sum(known) / len(known)
            self.space = self.widths.get(32, self.space) or self.space

    def _read(self, font: Any) -> None:
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type0":
            self.two_bytes = True
            descendant = font["/DescendantFonts"][0].get_object()
            self.default = float(descendant.get("/DW", 1000))
            self.default_set = True
            self._read_w(descendant.get("/W"))
            return
        if subtype == "/Type3":
            matrix = font.get("/FontMatrix")
            if matrix:
                self.scale = float(matrix[0]) * 1000
        first = int(font.get("/FirstChar", 0))
        widths = font.get("/Widths")
        if widths is not None:
            for index, width in enumerate(widths.get_object()[:MAX_ENTRIES]):
                self.widths[first + index] = float(width)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/MissingWidth" in descriptor.get_object():
            missing = float(descriptor.get_object()["/MissingWidth"])
            if missing > 0:
                self.default, self.default_set = missing, True

    def _read_w(self, entries: Any) -> None:
        """The /W array: `c [w1 w2 …]` or `c_first c_last w`."""
        if entries is None:
            return
        entries = [entry.get_object() for entry in entries.get_object()]
        index = 0
        while index < len(entries) and len(self.widths) < MAX_ENTRIES:
            first = int(entries[index])
            following = entries[index + 1] if index + 1 < len(entries) else None
            if isinstance(following, list):
                for offset, width in enumerate(following[:MAX_ENTRIES]):
                    self.widths[first + offset] = float(width)
                index += 2
            elif index + 2 < len(entries):
                last, width = int(entries[index + 1]), float(entries[index + 2])
                for code in range(first, min(last, first + MAX_ENTRIES) + 1):
                    self.widths[code] = width
                index += 3
            else:
                break

    @staticmethod
    def _heavy(font: Any) -> bool:
        try:
            descriptor = font.get("/FontDescriptor").get_object()
            weight = float(descriptor.get("/FontWeight", 400))
            return weight >= 600 or bool(int(descriptor.get("/Flags", 0)) & (1 << 18))
        except Exception:
            return False

    def measure(self, raw: bytes) -> tuple[float, int, int]:
        """The width of the codes in *raw* (per 1000 units), how many codes, how many
        single-byte spaces (which word spacing widens)."""
        if self.two_bytes:
            codes = [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]
            spaces = 0
        else:
            codes = list(raw)
            spaces = raw.count(32)
        get, default = self.widths.get, self.default
        return sum(get(code, default) for code in codes) * self.scale, len(codes), spaces


def _family_widths(name: str) -> tuple[float, float]:
    for family, glyph, space in _FAMILIES:
        if family in name:
            return glyph, space
    return _DEFAULT


class FontCache:
    """FontMetrics of each font dictionary met, kept for the whole document (pages share fonts)."""

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[Any, FontMetrics]] = {}

    def metrics(self, font: Any) -> FontMetrics:
        key = id(font)
        found = self._fonts.get(key)
        if found is None or found[0] is not font:
            found = (font, FontMetrics(font))
            self._fonts[key] = found
        return found[1]
