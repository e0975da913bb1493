"""Checks on a directory entry, on plain values: required fields, email and phone, duplicates.

Each check returns the reason in words (already translated) or None; `problems`
gathers them per field so an editor or an import preview can show them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rcm_desktop.domain.text import fold
from rcm_desktop.i18n import _

_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
_PHONE_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|extensión|x)\s*(\d+)\s*$", re.IGNORECASE)
_PHONE_ALLOWED = set("0123456789 +-().")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
#: Fewest digits a phone number can have and still be dialled from abroad, and the most.
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15


@dataclass
class PersonFields:
    """A directory entry as typed (or read from a file), before it is saved."""

    full_name: str = ""
    institution: str = ""
    honorific: str = ""
    position: str = ""
    agency: str = ""
    email: str = ""
    phone: str = ""
    languages: str = ""
    gender: str = "unspecified"  # a value of rcm_desktop.domain.vocabulary.Gender
    notes: str = ""
    country_code: str | None = None


def email_problem(text: str) -> str | None:
    """Why *text* is not an email address, or None when it is one (or empty)."""
    value = text.strip()
    if not value:
        return None
    if any(character.isspace() for character in value):
        return _("An email address cannot contain spaces.")
    if value.count("@") != 1:
        return _("An email address has exactly one “@”, as in name@institution.gob.hn.")
    local, domain = value.split("@")
    if not local:
        return _("The part before “@” is missing.")
    if (
        not _EMAIL_LOCAL.match(local)
        or local.startswith(".")
        or local.endswith(".")
        or (".." in local)
    ):
        return _("The part before “@” has a character or a dot where none may be.")
    if "." not in domain:
        return _("The part after “@” needs a dot, as in institution.gob.hn.")
    labels = domain.split(".")
    if any(not _DOMAIN_LABEL.match(label) for label in labels):
        return _(
            "The part after “@” may hold only letters, digits and hyphens between dots, "
            "as in institution.gob.hn."
        )
    if len(labels[-1]) < 2 or labels[-1].isdigit():
        return _("The email address ends in “.%(end)s”, which is not a domain.") % {
            "end": labels[-1]
        }
    return None


def phone_problem(text: str) -> str | None:
    """Why *text* is not a phone number, or None when it is one (or empty).

    Allowed: digits, spaces, a leading "+", hyphens, dots, parentheses and an
    extension at the end ("ext. 204", "x204").
    """
    value = text.strip()
    if not value:
        return None
    main = _PHONE_EXTENSION.sub("", value)
    for character in main:
        if character not in _PHONE_ALLOWED:
            return _(
                "“%(character)s” cannot be in a phone number: use digits, spaces, +, -, "
                "parentheses, and “ext.” for an extension."
            ) % {"character": character}
    if "+" in main[1:] or (main.startswith("+") and main.count("+") > 1):
        return _("“+” may only open the number, before the country code.")
    depth = 0
    for character in main:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth not in (0, 1):
            return _("The parentheses of the phone number do not match.")
    if depth != 0:
        return _("The parentheses of the phone number do not match.")
    digits = sum(character.isdigit() for character in main)
    if digits < MIN_PHONE_DIGITS:
        return _("A phone number has at least %(n)d digits; this one has %(found)d.") % {
            "n": MIN_PHONE_DIGITS,
            "found": digits,
        }
    if digits > MAX_PHONE_DIGITS:
        return _("A phone number has at most %(n)d digits; this one has %(found)d.") % {
            "n": MAX_PHONE_DIGITS,
            "found": digits,
        }
    return None


def normalize_languages(text: str) -> tuple[str | None, str | None]:
    """("es,en", None) from "ES, en"; (None, reason) when a code is not a language code."""
    codes = [part.strip().lower() for part in re.split(r"[,;/ ]+", text) if part.strip()]
    for code in codes:
        if not _LANGUAGE_CODE.match(code):
            return None, _(
                "“%(code)s” is not a language code; write codes such as es, en, fr, pt, "
                "separated by commas."
            ) % {"code": code}
    unique = list(dict.fromkeys(codes))
    return (",".join(unique) or None), None


def problems(fields: PersonFields) -> dict[str, str]:
    """Every problem of an entry, by field name (empty when it can be saved)."""
    found: dict[str, str] = {}
    if not fields.full_name.strip():
        found["full_name"] = _("Enter the person's full name.")
    if not fields.institution.strip():
        found["institution"] = _(
            "Enter the person's institution (e.g. the National Migration Institute)."
        )
    email = email_problem(fields.email)
    if email:
        found["email"] = _("Email: %(reason)s") % {"reason": email}
    phone = phone_problem(fields.phone)
    if phone:
        found["phone"] = _("Phone: %(reason)s") % {"reason": phone}
    _codes, languages = normalize_languages(fields.languages)
    if languages:
        found["languages"] = languages
    return found


def email_key(email: str | None) -> str | None:
    """What two email addresses are compared on (case ignored), or None for no email."""
    value = (email or "").strip().casefold()
    return value or None


def name_key(full_name: str, institution: str) -> str:
    """What two entries' name and institution are compared on (case, accents, spaces ignored)."""
    return " ".join(fold(full_name).split()) + "|" + " ".join(fold(institution).split())


_GENDER_WORDS = {
    "female": ("f", "female", "woman", "w", "mujer", "femenino", "fem", "femme", "mulher"),
    "male": ("m", "male", "man", "hombre", "masculino", "masc", "homme", "homem", "h"),
    "other": ("other", "otro", "otra", "autre", "outro", "x", "non-binary", "no binario"),
    "unspecified": ("", "unspecified", "not stated", "n/a", "na", "-", "no indica", "ns"),
}
_GENDER_INDEX = {word: value for value, words in _GENDER_WORDS.items() for word in words}


def gender_from_text(text: str) -> str | None:
    """A gender value ("female", "male", "other", "unspecified") from how a file writes it."""
    return _GENDER_INDEX.get(fold(text).strip())


#: Words that belong to the family name that follows them ("María de los Ángeles", "van Dijk").
_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von", "di", "le"}
)


def split_full_name(full_name: str) -> tuple[str, str]:
    """(given names, family names) of a name held whole, as Ibero-American names usually
    run: four words are two and two, three are one and two, two are one and one; a particle
    ("de", "del", "van") stays with the word after it. A guess, for forms that ask for both."""
    words = full_name.split()
    groups: list[str] = []
    pending: list[str] = []
    for word in words:
        pending.append(word)
        if word.casefold() not in _PARTICLES:
            groups.append(" ".join(pending))
            pending = []
    if pending:
        groups.append(" ".join(pending))
    if len(groups) <= 1:
        return full_name.strip(), ""
    given = 2 if len(groups) >= 4 else 1
    return " ".join(groups[:given]), " ".join(groups[given:])
