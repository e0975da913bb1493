"""The reference names the rules look for: forums, convening bodies and countries, folded."""

from __future__ import annotations

import json
import re
from functools import cache

from rcm_desktop.domain.text import fold
from rcm_desktop.paths import resource

#: Acronyms and names of each forum as notes write them (English, Spanish, French, Portuguese).
FORUM_NAMES: dict[str, tuple[str, ...]] = {
    "RCM": ("rcm", "crm", "regional conference on migration", "conferencia regional sobre migracion",
            "conference regionale sur les migrations", "conferencia regional sobre migracao",
            "proceso puebla"),
    "SACM": ("sacm", "csm", "south american conference on migration",
             "conferencia suramericana sobre migraciones",
             "conferencia sudamericana sobre migraciones", "conferencia sul-americana sobre migracoes",
             "conference sud-americaine sur les migrations"),
    "MIRPS": ("mirps", "comprehensive regional protection and solutions framework",
              "marco integral regional para la proteccion y soluciones"),
}  # fmt: skip

#: Short forms of country names used in notes, beside CLDR's names.
_COUNTRY_ALIASES = {
    "usa": "US", "u.s.": "US", "united states of america": "US", "estados unidos de america": "US",
    "eeuu": "US", "ee.uu.": "US", "dominican republic": "DO", "republica dominicana": "DO",
}  # fmt: skip
_PREFIXES = re.compile(
    r"^(?:the\s+)?(?:(?:plurinational\s+state|bolivarian\s+republic|republic|kingdom|state|"
    r"united\s+mexican\s+states|commonwealth)\s+of\s+(?:the\s+)?|"
    r"(?:la\s+)?(?:republica|estado\s+plurinacional|reino)\s+(?:de\s+|del\s+)(?:la\s+|el\s+)?"
    r"|el\s+|la\s+|los\s+)"
)


@cache
def bodies() -> dict[str, str]:
    """{folded name: body code} for every name of every reference body."""
    data = json.loads(resource("reference", "bodies.json").read_text(encoding="utf-8"))
    return {fold(name): body["code"] for body in data["bodies"] for name in body["names"].values()}


@cache
def countries() -> dict[str, str]:
    """{folded country name: ISO code}, in English, Spanish, French and Portuguese."""
    from babel import Locale

    from rcm_desktop.domain.countries import iso_country_codes

    codes = set(iso_country_codes())
    names: dict[str, str] = {}
    for language in ("pt", "fr", "es", "en"):
        for code, name in Locale.parse(language).territories.items():
            if code in codes:
                names[fold(name)] = code
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """The ISO code of a country name as a note writes it ("Republic of Argentina" → "AR")."""
    folded = fold(name).strip(" .;:,*")
    known = countries()
    if folded in known:
        return known[folded]
    bare = _PREFIXES.sub("", folded).strip()
    return known.get(bare)


_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\by\b|\be\b|\bet\b)\s*")


def country_list(text: str) -> list[str]:
    """The countries named in "Panama and Costa Rica", "Chile y Venezuela", in order; empty
    when any part is not a country (the text is then not a list of countries)."""
    whole = country_code(text)
    if whole:
        return [whole]
    parts = [part for part in _LIST_SPLIT.split(text.strip(" .")) if part]
    codes = [country_code(part) for part in parts]
    if not codes or any(code is None for code in codes):
        return []
    return list(dict.fromkeys(code for code in codes if code))
