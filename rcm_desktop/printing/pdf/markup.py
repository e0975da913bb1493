"""User text made safe for reportlab: escaped for Paragraph markup, drawable by the font."""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from rcm_desktop.i18n import fill_labelled
from rcm_desktop.printing.pdf.fonts import covered_code_points

#: Printed in place of a character the font cannot draw, so the gap is visible.
REPLACEMENT = "\ufffd"
#: Signs the interface's texts use that the font lacks, printed as a near sign it has
#: (a history's "A → B", a menu path "File ▸ Open").
NEAR_SIGNS = {"\u2192": "\u00bb", "\u25b8": "\u203a", "\u25b6": "\u203a", "\u2190": "\u00ab"}
_ENTITIES = {'"': "&quot;", "'": "&#39;"}


def plain(value: object | None) -> str:
    """Text for the canvas: control characters dropped, characters the font lacks replaced.

    Combining sequences are composed first (NFC), so "n" + combining tilde prints as "ñ".
    """
    if value is None:
        return ""
    covered = covered_code_points()
    out: list[str] = []
    previous_replaced = False
    for char in unicodedata.normalize("NFC", str(value)):
        if char in "\n\t":
            out.append(char)
            previous_replaced = False
            continue
        category = unicodedata.category(char)
        if category == "Cc" or (category == "Cf" and ord(char) not in covered):
            continue  # controls and invisible format marks the font lacks (RTL marks, joiners)
        if (
            ord(char) not in covered
            and NEAR_SIGNS.get(char, "")
            and ord(NEAR_SIGNS[char]) in covered
        ):
            char = NEAR_SIGNS[char]
        if ord(char) in covered:
            out.append(char)
            previous_replaced = False
        elif category in ("Mn", "Me", "Sk") and previous_replaced:
            continue  # an emoji's skin tone or a mark on a replaced letter: one mark is enough
        else:
            out.append(REPLACEMENT)
            previous_replaced = True
    return "".join(out)


#: A "word" longer than this (a pasted hash, a run of one key) gets break opportunities: reportlab
#: would otherwise split it by measuring every prefix, in time that grows with its square.
LONG_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_WORD_PIECE = 100


def _breakable(match: re.Match[str]) -> str:
    word = match.group()
    return "\u200b".join(
        word[start : start + _WORD_PIECE] for start in range(0, len(word), _WORD_PIECE)
    )


def text(value: object | None) -> str:
    """Text for Paragraph markup: `plain`, escaped, with line breaks kept as `<br/>`; very long
    words may break across lines."""
    shown = _LONG_WORD.sub(_breakable, plain(value).replace("\t", " "))
    escaped = escape(shown, _ENTITIES)
    return escaped.replace("\r\n", "\n").replace("\n", "<br/>")


def bold(value: object | None) -> str:
    """`text(value)` in bold."""
    return f"<b>{text(value)}</b>"


def labelled_markup(pattern: str, label: object, value: object) -> str:
    """Markup of "label: value" with the label in bold, both escaped; *pattern* is the
    language's `labelled(LABEL_MARK, VALUE_MARK)`."""
    return fill_labelled(pattern, bold(label), text(value), text)
