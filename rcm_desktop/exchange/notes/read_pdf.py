"""PDF notes: the text of each page placed where it is printed, then laid out into lines.

pypdf decodes the text (`page.extract_text(visitor_text=…)`); its operator visitors let this
module follow the text state itself (pypdf gives where a piece of text starts, not where it
ends, and does not advance within a line): each text-showing operator becomes a span with its
start and end on the page (from the font's widths), and each piece of text pypdf hands over
is matched with the spans shown since the previous one. The ruling lines of tables (strokes
and thin filled rectangles) are kept too. A password-protected PDF is refused, and so is one
without any text (a scan). The layout itself is `read_pdf_layout`.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import math
from collections.abc import Iterator
from typing import Any

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.notes.read_common import damaged, protected, scanned
from rcm_desktop.exchange.notes.read_pdf_fonts import FontCache, FontMetrics
from rcm_desktop.exchange.notes.read_pdf_lines import Page, Run

KIND = "PDF"
#: Path operators on a page beyond which its rules are no longer collected (a map, a chart).
MAX_PATH_OPERATIONS = 20_000
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_STROKES = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
_FILLS = {b"f", b"F", b"f*"}


def read_pdf(data: bytes, name: str) -> str:
    """The plain text of the PDF in *data*; ImportFileError when it is damaged, protected by
    a password, or holds no text at all."""
    from rcm_desktop.exchange.notes.read_pdf_layout import layout_text

    with _quiet():
        reader = _open(data, name)
        fonts = FontCache()
        pages = []
        failures = 0
        for number, page in enumerate(reader.pages):
            try:
                pages.append(_read_page(page, number, fonts))
            except Exception:  # one page pypdf cannot follow: the others are still read
                failures += 1
    if not pages and failures:
        raise damaged(name, KIND)
    if not any(run.text.strip() for page in pages for run in page.runs):
        raise scanned(name)
    try:
        text = layout_text(pages)
    except Exception as error:
        raise damaged(name, KIND) from error
    if not text.strip():
        raise scanned(name)  # page numbers or a header alone: the pages are pictures
    return text


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's warnings about a damaged file, silenced while it is read (the refusal says it)."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open(data: bytes, name: str) -> Any:
    from pypdf import PdfReader

    if b"%%EOF" not in data[-65536:]:
        raise damaged(name, KIND)  # cut off: a download or an attachment saved half-way
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as error:  # AES without a cryptography library, a bad handler
                raise protected(name) from error
            if not opened:
                raise protected(name)
        if len(reader.pages) == 0:
            raise damaged(name, KIND)
    except ImportFileError:
        raise
    except Exception as error:  # not a PDF after all, a broken cross-reference table
        raise damaged(name, KIND) from error
    return reader


def _read_page(page: Any, number: int, fonts: FontCache) -> Page:
    box = page.mediabox
    left, bottom, right, top = (
        float(value) for value in (box.left, box.bottom, box.right, box.top)
    )
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    font_names = resources.get("/Font")
    font_names = font_names.get_object() if font_names is not None else {}
    reader = _PageReader({str(key): value for key, value in font_names.items()}, fonts)
    page.extract_text(
        visitor_text=reader.text,
        visitor_operand_before=reader.before,
        visitor_operand_after=reader.after,
    )
    return Page(number, left, bottom, right, top, reader.runs, reader.hrules, reader.vrules)


def _mult(m: Any, n: Any) -> tuple[float, float, float, float, float, float]:
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


class _PageReader:
    """Follows the text state and the paths of one page through pypdf's operator visitors."""

    def __init__(self, fonts: dict[str, Any], cache: FontCache) -> None:
        self.fonts, self.cache = fonts, cache
        self.metrics: FontMetrics = cache.metrics(None)
        self.size = self.char_spacing = self.word_spacing = self.leading = 0.0
        self.scale = 1.0
        self.tm: list[float] = list(_IDENTITY)
        self.tlm: list[float] = list(_IDENTITY)
        self.saved: list[tuple[FontMetrics, float, float, float, float, float]] = []
        self.outer: list[tuple[float, ...]] = []  # the CTM of each form XObject being read
        self.pending: list[tuple[float, float, float, float, int, bool]] = []
        self.runs: list[Run] = []
        self.path: list[tuple[float, float, float, float]] = []
        self.rects: list[tuple[float, float, float, float]] = []
        self.point = self.start = (0.0, 0.0)
        self.path_operations = 0
        self.hrules: list[tuple[float, float, float]] = []
        self.vrules: list[tuple[float, float, float]] = []

    # --- pypdf's visitors ---

    def before(self, operator: bytes, operands: list[Any], cm: Any, _tm: Any) -> None:
        handler = _BEFORE.get(operator)
        if handler is not None:
            handler(self, operands, self._ctm(cm))

    def after(self, operator: bytes, operands: list[Any], cm: Any, _tm: Any) -> None:
        if operator in (b"'", b'"'):
            if operator == b'"' and len(operands) >= 3:
                self.word_spacing, self.char_spacing = _float(operands[0]), _float(operands[1])
            self._next_line()
            if operands:
                self._show([operands[-1]], self._ctm(cm))
        elif operator == b"Do" and self.outer:
            self.outer.pop()
            self._restore([], None)

    def text(self, text: str, _cm: Any, _tm: Any, _font: Any, _size: Any) -> None:
        spans, self.pending = self.pending, []
        text = text.rstrip("\n")
        if spans and text.strip():
            self.runs.extend(_runs(text.replace("\n", " "), spans))

    # --- text state ---

    def _ctm(self, cm: Any) -> Any:
        return _mult(cm, self.outer[-1]) if self.outer else cm

    def _begin(self, _operands: list[Any], _ctm: Any) -> None:
        self.tm, self.tlm = list(_IDENTITY), list(_IDENTITY)

    def _font(self, operands: list[Any], _ctm: Any) -> None:
        if len(operands) >= 2:
            font = self.fonts.get(str(operands[0]))
            self.metrics = self.cache.metrics(font.get_object() if font is not None else None)
            self.size = _float(operands[1])

    def _move(self, operands: list[Any], _ctm: Any) -> None:
        if len(operands) >= 2:
            tx, ty = _float(operands[0]), _float(operands[1])
            m = self.tlm
            self.tlm = [
                m[0],
                m[1],
                m[2],
                m[3],
                tx * m[0] + ty * m[2] + m[4],
                tx * m[1] + ty * m[3] + m[5],
            ]
            self.tm = list(self.tlm)

    def _move_leading(self, operands: list[Any], ctm: Any) -> None:
        if len(operands) >= 2:
            self.leading = -_float(operands[1])
            self._move(operands, ctm)

    def _matrix(self, operands: list[Any], _ctm: Any) -> None:
        if len(operands) >= 6:
            self.tm = [_float(value) for value in operands[:6]]
            self.tlm = list(self.tm)

    def _next_line(self, _operands: list[Any] | None = None, ctm: Any = None) -> None:
        self._move([0.0, -self.leading], ctm)

    def _save(self, _operands: list[Any], _ctm: Any) -> None:
        state = (
            self.metrics,
            self.size,
            self.char_spacing,
            self.word_spacing,
            self.scale,
            self.leading,
        )
        self.saved.append(state)

    def _restore(self, _operands: list[Any], _ctm: Any) -> None:
        if self.saved:
            state = self.saved.pop()
            self.metrics, self.size, self.char_spacing, self.word_spacing = state[:4]
            self.scale, self.leading = state[4], state[5]

    def _form(self, _operands: list[Any], ctm: Any) -> None:
        self.outer.append(tuple(ctm))
        self._save([], ctm)

    def _show_string(self, operands: list[Any], ctm: Any) -> None:
        if operands:
            self._show([operands[0]], ctm)

    def _show_array(self, operands: list[Any], ctm: Any) -> None:
        if operands and isinstance(operands[0], list):
            self._show(list(operands[0]), ctm)

    def _show(self, items: list[Any], ctm: Any) -> None:
        """Place each string of a show operator and advance the text matrix past it."""
        m = _mult(self.tm, ctm)
        upright = m[0] > 0 and m[3] > 0 and abs(m[1]) <= 0.05 * m[0] and abs(m[2]) <= 0.05 * m[3]
        size = self.size * math.hypot(m[2], m[3])
        x, y = m[4], m[5]
        for item in items:
            if isinstance(item, (bytes, str)):
                raw = _raw(item)
                width, codes, spaces = self.metrics.measure(raw)
                advance = (width / 1000 * self.size + self.char_spacing * codes) * self.scale
                advance += self.word_spacing * spaces * self.scale
                if codes and upright:
                    self.pending.append((x, x + advance * m[0], y, size, codes, self.metrics.bold))
            else:
                advance = -_float(item) / 1000 * self.size * self.scale
            x += advance * m[0]
            self.tm[4] += advance * self.tm[0]
            self.tm[5] += advance * self.tm[1]

    # --- paths (the rules of tables) ---

    def _point(self, x: Any, y: Any, ctm: Any) -> tuple[float, float]:
        x, y = _float(x), _float(y)
        return x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]

    def _path(self, operator: bytes, operands: list[Any], ctm: Any) -> None:
        self.path_operations += 1
        if self.path_operations > MAX_PATH_OPERATIONS:
            return
        if operator == b"m" and len(operands) >= 2:
            self.point = self.start = self._point(operands[0], operands[1], ctm)
        elif operator == b"l" and len(operands) >= 2:
            end = self._point(operands[0], operands[1], ctm)
            self.path.append((*self.point, *end))
            self.point = end
        elif operator == b"re" and len(operands) >= 4:
            x, y, w, h = (_float(value) for value in operands[:4])
            (x0, y0), (x1, y1) = self._point(x, y, ctm), self._point(x + w, y + h, ctm)
            self.rects.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif operator == b"h":
            self.path.append((*self.point, *self.start))
            self.point = self.start
        elif operator in (b"c", b"v", b"y") and len(operands) >= 2:
            self.point = self._point(operands[-2], operands[-1], ctm)

    def _paint(self, operator: bytes) -> None:
        if operator in _STROKES:
            for x0, y0, x1, y1 in self.rects:
                self.path += [
                    (x0, y0, x1, y0),
                    (x0, y1, x1, y1),
                    (x0, y0, x0, y1),
                    (x1, y0, x1, y1),
                ]
            for segment in self.path:
                self._rule(*segment)
        if operator in _FILLS or operator in _STROKES:
            for x0, y0, x1, y1 in self.rects:
                if y1 - y0 <= 2.5 and x1 - x0 >= 8:
                    self.hrules.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 <= 2.5 and y1 - y0 >= 4:
                    self.vrules.append(((x0 + x1) / 2, y0, y1))
        self.path, self.rects = [], []

    def _rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= 8:
            self.hrules.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= 4:
            self.vrules.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _raw(item: Any) -> bytes:
    """The bytes of a string operand as written in the content stream."""
    original = getattr(item, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    if isinstance(item, bytes):
        return item
    return str(item).encode("latin-1", "replace")


def _runs(text: str, spans: list[tuple[float, float, float, float, int, bool]]) -> list[Run]:
    """The runs of one piece of pypdf's text: one, unless its spans lie far apart on the line
    (cells of a table written in one text object), then split at the spaces nearest to where
    the characters of each group end."""
    size = max(span[3] for span in spans) or 1.0
    groups = [[spans[0]]]
    for previous, span in itertools.pairwise(spans):
        apart = span[0] - previous[1] > 0.8 * size or span[0] < previous[0] - 1
        if apart or abs(span[2] - previous[2]) > 0.5 * size:
            groups.append([span])
        else:
            groups[-1].append(span)
    pieces = [text]
    if len(groups) > 1:
        pieces = _split(text, [sum(span[4] for span in group) for group in groups])
        if len(pieces) != len(groups):
            pieces, groups = [text], [spans]
    runs = []
    for piece, group in zip(pieces, groups, strict=True):
        if piece.strip():
            start = group[0]
            end = max(span[1] for span in group)
            runs.append(Run(piece, start[0], end, start[2], max(s[3] for s in group), start[5]))
    return runs


def _split(text: str, counts: list[int]) -> list[str]:
    """*text* cut into len(*counts*) pieces of about those many characters, each cut at a
    space; fewer pieces when a cut finds no space nearby."""
    total = sum(counts) or 1
    pieces, start, done = [], 0, 0
    for count in counts[:-1]:
        done += count
        target = round(len(text) * done / total)
        cut = next(
            (at for delta in range(5) for at in (target + delta, target - delta)
             if start < at < len(text) and text[at] == " "),
            None,
        )  # fmt: skip
        if cut is None:
            return [text]
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def _setter(attribute: str) -> Any:
    def setter(self: _PageReader, operands: list[Any], _ctm: Any) -> None:
        if operands:
            value = _float(operands[0])
            setattr(self, attribute, value / 100 if attribute == "scale" else value)

    return setter


def _painter(operator: bytes) -> Any:
    return lambda self, _operands, _ctm: self._paint(operator)


def _drawer(operator: bytes) -> Any:
    return lambda self, operands, ctm: self._path(operator, operands, ctm)


_BEFORE = {
    b"BT": _PageReader._begin,
    b"Tf": _PageReader._font,
    b"Td": _PageReader._move,
    b"TD": _PageReader._move_leading,
    b"Tm": _PageReader._matrix,
    b"T*": _PageReader._next_line,
    b"Tc": _setter("char_spacing"),
    b"Tw": _setter("word_spacing"),
    b"Tz": _setter("scale"),
    b"TL": _setter("leading"),
    b"Tj": _PageReader._show_string,
    b"TJ": _PageReader._show_array,
    b"q": _PageReader._save,
    b"Q": _PageReader._restore,
    b"Do": _PageReader._form,
    b"n": _painter(b"n"),
    **{operator: _painter(operator) for operator in _STROKES | _FILLS},
    **{operator: _drawer(operator) for operator in (b"m", b"l", b"re", b"h", b"c", b"v", b"y")},
}
