"""Suggested PDF file names: in the document's language, readable, safe on every system."""

from __future__ import annotations

import datetime as dt
import re

from rcm_desktop.printing.file_names import (
    BYTE_LIMIT,
    LIMIT,
    briefing_pack_file_name,
    clean,
    file_name,
)

DAY = dt.date(2026, 3, 15)
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def test_a_spanish_name_keeps_its_accents_and_punctuation() -> None:
    name = file_name(
        "Paquete informativo – %(title)s – 2026-03-15",
        "Reunión Viceministerial (CRM), ¿qué sigue? — Ñandú, São Tomé & Cía.",
    )
    assert name == (
        "Paquete informativo – Reunión Viceministerial (CRM), ¿qué sigue — Ñandú, São Tomé "
        "& Cía – 2026-03-15.pdf"
    )


def test_characters_file_systems_refuse_become_spaces_and_whitespace_collapses() -> None:
    title = 'Plenary: "RCM/SACM" <draft> a\\b | c? d* \t e\x00f\x1fg\n\nh'
    name = briefing_pack_file_name(title, DAY, "en")
    assert not FORBIDDEN.search(name)
    assert name == "Briefing pack – Plenary RCM SACM draft a b c d e f g h – 2026-03-15.pdf"
    assert clean("  .hidden title.  ") == "hidden title"


def test_a_300_character_title_is_cut_at_a_word_boundary() -> None:
    words = ["Reunión", "extraordinaria", "del", "Grupo", "de", "Trabajo", "sobre", "Migración"]
    title = " ".join(words[index % len(words)] for index in range(60))
    assert len(title) > 300
    name = briefing_pack_file_name(title, DAY, "es")
    assert len(name) <= LIMIT and name.endswith("… – 2026-03-15.pdf")
    kept = name.split(" – ")[1].removesuffix("…")
    assert title.startswith(kept + " ")  # whole words only
    assert len(name) > LIMIT - 20  # not cut much shorter than it needs to be


def test_a_title_in_a_wide_script_stays_within_the_byte_limit() -> None:
    name = briefing_pack_file_name("Встреча " * 60, DAY, "en")
    assert len(name.encode("utf-8")) <= BYTE_LIMIT and name.endswith(".pdf")
    assert "Встреча…" in name


def test_one_endless_word_is_cut_since_nothing_else_can_be() -> None:
    name = briefing_pack_file_name("x" * 300, DAY, "fr")
    assert len(name) == LIMIT and "x…" in name


def test_the_name_is_in_the_packs_language_with_the_meetings_day() -> None:
    title = "Segunda Reunión de Seguimiento"
    english = briefing_pack_file_name(title, DAY, "en")
    assert english == "Briefing pack – Segunda Reunión de Seguimiento – 2026-03-15.pdf"
    for language in ("es", "fr", "pt"):
        name = briefing_pack_file_name(title, DAY, language)
        assert name.endswith(" – Segunda Reunión de Seguimiento – 2026-03-15.pdf")


def test_the_nomination_letter_is_named_in_its_language_with_country_and_meeting() -> None:
    from rcm_desktop.printing.file_names import nomination_letter_file_name

    title = "Taller: protección de niñez migrante / MIRPS"
    assert nomination_letter_file_name(title, "HN", "es") == (
        "Nota de designación – Honduras – Taller protección de niñez migrante MIRPS.pdf"
    )
    assert nomination_letter_file_name(title, "BR", "pt").startswith(
        "Nota de indicação – Brasil – Taller"
    )
