"""Notes that are text: the bytes decoded (a byte-order mark first, then UTF-8, then Windows-1252
as Word's "Save as text" writes), binary files told apart from text, and the two kinds of
text that are really something else recognised: a web page and an e-mail."""

from __future__ import annotations

import re
import unicodedata

from rcm_desktop.exchange.notes.read_common import finish, not_a_note

#: Above this share of control characters (NUL and the like) the bytes are not text.
MAX_CONTROL_SHARE = 0.02
_SAMPLE = 65_536
_HTML_MARKERS = ("<html", "<body", "<!doctype html", "<p", "<div", "<table", "<h1", "<head")
_HEADER = re.compile(r"^([!-9;-~]+):[ \t]?(.*)$")
#: Header fields only an e-mail has ("Date:", "To:" or "Subject:" alone may open a memo).
_MAIL_FIELDS = frozenset(
    {"mime-version", "content-type", "received", "message-id", "return-path", "x-mailer",
     "dkim-signature", "delivered-to", "content-transfer-encoding"}
)  # fmt: skip
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\f": "\n", "\v": "\n"})


def decode_text(data: bytes) -> str:
    """The text of *data*: its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else
    Windows-1252 (Latin-1 for the five bytes it leaves undefined); never fails."""
    from rcm_desktop.exchange.people_csv import decode

    return decode(data)[0]


def looks_binary(text: str) -> bool:
    """True when more than MAX_CONTROL_SHARE of the first characters of *text* are control
    characters other than tabs and line breaks (the bytes of a program, an archive, a picture)."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = sum(
        1
        for character in sample
        if character not in "\t\n\r\f\v" and unicodedata.category(character) == "Cc"
    )
    replaced = sample.count("\ufffd")
    return controls + replaced > max(MAX_CONTROL_SHARE * len(sample), 8)


def plain_text(text: str) -> str:
    """A text note as the readers give it: line ends `\\n`, page breaks and Unicode line
    separators as line breaks, control and bidi characters removed (`finish`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return finish(text.translate(_LINE_BREAKS))


def check_text(text: str, name: str) -> None:
    """Refuse *text* decoded from bytes that are not text (`not_a_note`)."""
    if looks_binary(text):
        raise not_a_note(name)


def looks_html(text: str) -> bool:
    """True when *text* opens with markup and holds a web page's elements."""
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        return False
    head = start[:4096].lower()
    return any(marker in head for marker in _HTML_MARKERS)


def looks_email(text: str) -> bool:
    """True when *text* opens with RFC 822 header lines that only an e-mail has: "From:" and
    one of MIME-Version, Content-Type, Received, Message-ID… (a memo's "To:/From:/Subject:"
    lines alone are a note's own text)."""
    fields: set[str] = set()
    for count, line in enumerate(text.lstrip("\ufeff").split("\n")):
        line = line.rstrip("\r")
        if not line:
            break
        if count > 400:
            return False
        if line[0] in " \t" and fields:
            continue  # a folded header line
        match = _HEADER.match(line)
        if match is None:
            return False
        fields.add(match[1].lower())
    return "from" in fields and bool(fields & _MAIL_FIELDS)
