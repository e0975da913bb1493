"""Catalogs are complete and consistent; dates, numbers and names follow the active language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from rcm_desktop.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    country_name,
    format_date,
    format_number,
    ngettext,
    normalize_language,
    set_language,
)

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfr]")
ACCELERATOR = re.compile(r"&(?=[^\s&])")
TRANSLATED = [language for language in SUPPORTED_LANGUAGES if language != "en"]


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (ROOT / "translations" / language / "LC_MESSAGES" / "rcm_desktop.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _template_ids() -> set[str]:
    with (ROOT / "translations" / "rcm_desktop.pot").open("rb") as handle:
        return {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete_and_not_fuzzy(language: str) -> None:
    missing = [
        message.id
        for message in _catalog(language)
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_covers_the_template(language: str) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(language) if m.id}
    assert _template_ids() <= ids


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_accelerators(language: str) -> None:
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        for target in targets:
            if set(PLACEHOLDER.findall(target)) != wanted:
                problems.append((sources[0], target))
            if len(ACCELERATOR.findall(sources[0])) != len(ACCELERATOR.findall(target)):
                problems.append((sources[0], target))
    assert problems == []


def test_template_is_up_to_date_with_the_code() -> None:
    """Every _() call in the code has an entry in the template (run `make update-catalogs`)."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    found = {
        message if isinstance(message, str) else message[0]
        for _filename, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "rcm_desktop"), method_map=[("**.py", "python")], keywords=keywords
        )
    }
    assert found - _template_ids() == set()


def test_no_translated_call_hides_inside_an_f_string() -> None:
    """Babel cannot extract `_()` from an f-string on Python 3.11: such text would never be translated."""
    import ast

    hidden = []
    for path in (ROOT / "rcm_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in {
                        "_",
                        "ngettext",
                        "pgettext",
                    }:
                        hidden.append(f"{path.name}:{inner.lineno}")
    assert hidden == []


def test_spanish_interface_dates_numbers_and_names() -> None:
    set_language("es")
    assert _("Meetings") == "Reuniones"
    assert format_date(dt.date(2021, 10, 14), "full") == "jueves, 14 de octubre de 2021"
    assert format_number(12345.5) == "12.345,5"
    assert country_name("MX") == "México"
    assert (
        ngettext("%(n)d meeting recorded", "%(n)d meetings recorded", 1) % {"n": 1}
        == "1 reunión registrada"
    )


def test_unknown_language_falls_back_to_english() -> None:
    assert set_language("tlh") == "en"
    assert normalize_language("es_CR.UTF-8") == "es" and normalize_language("pt-BR") == "pt"
    assert normalize_language("de_DE") is None


def _glossary() -> list[dict[str, str]]:
    rows = [
        line.split("\t")
        for line in (ROOT / "translations" / "glossary.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    header, *entries = rows
    return [dict(zip(header, entry, strict=False)) for entry in entries]


def _forms(cell: str) -> list[str]:
    return [form.strip() for form in cell.split("|") if form.strip()]


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_follows_the_glossary(language: str) -> None:
    """A message whose English uses a glossary term translates it with the glossary's term."""
    glossary = _glossary()
    assert all(entry.get(language) for entry in glossary), "every term has a translation"
    departures = []
    for message in _catalog(language):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        source = PLACEHOLDER.sub(" ", source)  # "%(meeting)s" is a value, not the word "meeting"
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for entry in glossary:
            if any(
                re.search(rf"(?<![-\w]){re.escape(term)}\b", source, re.IGNORECASE)
                for term in _forms(entry["en"])
            ):
                wanted = _forms(entry[language])
                for target in targets:
                    plain = target.replace("&", "")
                    if not any(form.casefold() in plain.casefold() for form in wanted):
                        departures.append((source, entry["en"], target))
    assert departures == []
