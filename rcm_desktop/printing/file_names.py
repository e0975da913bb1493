"""File names suggested for the PDFs: in the document's language, readable, and safe everywhere.

Accents and punctuation stay; only what Windows, macOS or Linux refuse in a name (`<>:"/\\|?*`
and control characters) becomes a space. Whitespace is collapsed, and a long title is cut at a
word boundary (marked "…") so the name stays within `LIMIT` characters and 240 UTF-8 bytes.
"""

from __future__ import annotations

import datetime as dt
import re

from rcm_desktop.i18n import Messages

#: Longest suggested name, in characters, suffix included.
LIMIT = 120
#: Longest name in UTF-8 bytes (most file systems allow 255).
BYTE_LIMIT = 240
ELLIPSIS = "…"
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
_TITLE = "\ue002"  # stands for the title while the rest of the name is measured


def clean(text: str) -> str:
    """*text* with the characters file systems refuse replaced and whitespace collapsed."""
    return re.sub(r"\s+", " ", _FORBIDDEN.sub(" ", text)).strip(" .")


def _fits(name: str, limit: int) -> bool:
    return len(name) <= limit and len(name.encode("utf-8")) <= BYTE_LIMIT


def _shorten(title: str, frame: str, limit: int) -> str:
    """*title* cut at a word boundary (then "…") so that *frame* with it fits *limit*."""
    if _fits(frame.replace(_TITLE, title), limit):
        return title
    words = title.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ,;.-–—") + ELLIPSIS
        if _fits(frame.replace(_TITLE, candidate), limit):
            return candidate
    # One word longer than the room itself: cut it, as nothing else can be done.
    word = words[0]
    while word and not _fits(frame.replace(_TITLE, word + ELLIPSIS), limit):
        word = word[:-1]
    return word + ELLIPSIS if word else ""


def file_name(pattern: str, title: str, suffix: str = ".pdf", limit: int = LIMIT) -> str:
    """A file name from a translated *pattern* holding `%(title)s`, the title shortened to fit."""
    frame = clean(pattern.replace("%(title)s", _TITLE)) + suffix
    shortened = _shorten(clean(title), frame, limit)
    return clean(frame.removesuffix(suffix).replace(_TITLE, shortened)) + suffix


def briefing_pack_file_name(title: str, day: dt.date, language: str) -> str:
    """ "Carpeta informativa – <title> – 2021-10-01.pdf" in the pack's *language*: the meeting's
    title and first day."""
    t = Messages(language)
    pattern = t.gettext("Briefing pack – %(title)s – %(date)s")
    return file_name(pattern.replace("%(date)s", day.isoformat()), clean(title) or "—")


def nomination_letter_file_name(title: str, country: str, language: str) -> str:
    """ "Nota de designación – Honduras – <title>.pdf" in the letter's *language*."""
    t = Messages(language)
    pattern = t.gettext("Nomination letter – %(country)s – %(title)s")
    return file_name(pattern.replace("%(country)s", clean(t.country(country))), clean(title) or "—")
