"""Seeded generators of hostile input: CSV files of any bytes, and strings no one should type.

The same seed always gives the same files and strings, so a crash found once can be found
again (``python -m tests.fuzz.run --seed S``).
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

HEADERS = (
    ["full_name", "institution", "email", "country_code", "notes"],
    ["Nombre completo", "Institución", "Correo", "País", "Notas"],
    ["Nom", "Institution", "Courriel", "Pays"],
    ["name", "institution"],
    ["full_name"],
    [],
)
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"")
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-32-le", "mac_roman")
SEPARATORS = (",", ";", "\t", "|", ":", " ")
FORMULAS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1")

PIECES = (
    "<b>bold</b>",
    "</para><para>",
    "<font name='Nope' size=99>x</font>",
    "<img src='/etc/passwd'/>",
    "<a href='javascript:alert(1)'>link</a>",
    "&amp;",
    "&nbsp;",
    "&#0;",
    "&#x1F600;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<<>>",
    "]]>",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
    "\\n",
    "\\,",
    ";",
    ",",
    '"',
    "'",
    "\\",
    "مرحبا بالعالم",
    "שלום עולם",
    "Ελληνικά",
    "日本語のテキスト",
    "한국어",
    "ไทย",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "\u200f",
    "\u200e",
    "\u061c",
    "\u200b",
    "\ufeff",
    "😀",
    "👩🏽‍💻",
    "🇭🇳🇲🇽",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "e\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",
    "n\u0303",
    "\x00",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9b",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\U0010ffff",
    "ñ",
    "á",
    "¿",
    "¡",
    "ç",
    "ã",
    "Ñandú",
    "%s",
    "%(name)s",
    "{0}",
    "${x}",
    "'; DROP TABLE people; --",
    "=1+1",
    "+1",
    "-1",
    "@x",
)


def hostile_string(randomness: random.Random) -> str:
    """One string: markup, entities, long words, bidi, emoji, combining marks, controls…"""
    shape = randomness.random()
    if shape < 0.08:
        return randomness.choice("abcdefghij") * randomness.choice((5000, 5000, 20_000))
    if shape < 0.12:
        return " ".join(randomness.choice(PIECES) for _ in range(randomness.randrange(20, 300)))
    if shape < 0.16:
        return "".join(chr(randomness.randrange(0x20, 0x2FFFF)) for _ in range(300))
    if shape < 0.2:
        return randomness.choice(FORMULAS)
    words = []
    for _ in range(randomness.randrange(1, 12)):
        if randomness.random() < 0.6:
            words.append(randomness.choice(PIECES))
        else:
            words.append("".join(randomness.choice("aeiouñáéxyz") for _ in range(6)))
    return randomness.choice(("", " ", "")).join(words)


def _cell(randomness: random.Random) -> str:
    shape = randomness.random()
    if shape < 0.05:
        return "x" * randomness.choice((140_000, 300_000))
    if shape < 0.15:
        return randomness.choice(FORMULAS)
    if shape < 0.2:
        return '"' * randomness.randrange(1, 4) + "unbalanced"
    if shape < 0.6:
        return hostile_string(randomness)[:200]
    return randomness.choice(("Ana María Pérez", "José Núñez", "MX", "HN", "CR", "a@b.org", ""))


def _rows(randomness: random.Random, count: int, width: int, separator: str) -> str:
    lines = []
    for _ in range(count):
        cells = [_cell(randomness) for _ in range(width)]
        if randomness.random() < 0.8:
            cells = [
                '"' + cell.replace('"', '""') + '"' if separator in cell else cell for cell in cells
            ]
        lines.append(separator.join(cells))
    ending = randomness.choice(("\n", "\r\n", "\r", "\n\r"))
    return ending.join(lines)


def hostile_csv(randomness: random.Random) -> bytes:
    """One CSV file's bytes, of one of many hostile shapes."""
    shape = randomness.random()
    if shape < 0.12:
        return randomness.randbytes(randomness.choice((0, 1, 2, 3, 17, 1000, 60_000)))
    if shape < 0.22:  # a byte order mark with a body in another encoding, or an odd length
        body = "full_name,institution\nJosé Núñez,Cancillería\n".encode(
            randomness.choice(ENCODINGS)
        )
        data = randomness.choice(BOMS[:-1]) + body
        return data[: randomness.randrange(len(data) + 1)] if randomness.random() < 0.5 else data
    if shape < 0.27:  # 10,000 columns
        header = ",".join(f"col{n}" for n in range(10_000))
        return (header + "\n" + ",".join("x" for _ in range(10_000)) + "\n").encode()
    if shape < 0.31:  # many rows
        rows = randomness.choice((5_000, 20_000, 50_000))
        lines = ["full_name,institution,email,country_code"] + [
            f"Persona {n},Ministerio {n % 50},p{n}@example.org,{randomness.choice(('MX', 'HN', 'XX', ''))}"
            for n in range(rows)
        ]
        return "\n".join(lines).encode()
    separator = randomness.choice(SEPARATORS)
    header = list(randomness.choice(HEADERS))
    randomness.shuffle(header)
    width = max(1, len(header) + randomness.randrange(-2, 3))
    text = (
        separator.join(header)
        + "\n"
        + _rows(randomness, randomness.randrange(0, 60), width, separator)
    )
    if randomness.random() < 0.2:  # mixed separators
        text += "\n" + _rows(randomness, 5, width, randomness.choice(SEPARATORS))
    encoding = randomness.choice(ENCODINGS)
    lenient = encoding.startswith("utf") and randomness.random() < 0.5
    data = text.encode(encoding, "surrogatepass" if lenient else "replace")
    if randomness.random() < 0.3:
        data = randomness.choice(BOMS) + data
    if randomness.random() < 0.1:  # flipped bytes
        mutable = bytearray(data)
        for _ in range(randomness.randrange(1, 20)):
            if mutable:
                mutable[randomness.randrange(len(mutable))] = randomness.randrange(256)
        data = bytes(mutable)
    return data


NOTE_SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
NOTE_NAMES = ("note.txt", "note.docx", "note.pdf", "note.odt", "note.html", "note.eml", "note")


def hostile_note(randomness: random.Random) -> tuple[bytes, str]:
    """A concept note's bytes and file name: a seed note cut, shuffled, stuffed with hostile
    strings, markup and huge lines, or bytes that only pretend to be a note."""
    shape = randomness.random()
    name = randomness.choice(NOTE_NAMES)
    if shape < 0.15:
        magic = randomness.choice(
            (b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"")
        )
        return magic + randomness.randbytes(randomness.choice((0, 10, 5000, 200_000))), name
    seeds = sorted(NOTE_SEEDS.glob("*.txt"))
    lines = randomness.choice(seeds).read_text(encoding="utf-8").split("\n")
    for _ in range(randomness.randrange(1, 40)):
        at = randomness.randrange(len(lines) + 1)
        lines.insert(at, hostile_string(randomness))
    if randomness.random() < 0.3:
        randomness.shuffle(lines)
    if randomness.random() < 0.2:
        lines = lines[: randomness.randrange(len(lines) + 1)]
    if randomness.random() < 0.1:
        lines.append("9:00 a.m. – " * 20_000)  # a 240 KB line of times
    text = "\n".join(lines)
    encoding = randomness.choice(("utf-8", "utf-8-sig", "utf-16", "cp1252"))
    return text.encode(encoding, errors="replace"), name.replace("docx", "txt").replace(
        "pdf", "txt"
    )
