"""Time zones in the briefing pack: CLDR's names in the pack's language, one column for one clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table
from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.services.briefing_data import gather_briefing
from rcm_desktop.domain.timezones import zone_city, zone_name
from rcm_desktop.printing.briefing.data import BriefingData
from rcm_desktop.printing.briefing.pack import BriefingOptions, bare_story, build_briefing


def _meeting(database: Database, key: str) -> int:
    with database.session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.source_key == key))


def _headers(data: BriefingData, language: str) -> list[list[str]]:
    """The header row of every data table in the pack, as printed."""
    rows = []
    for flowable in bare_story(data, BriefingOptions(language)):
        if isinstance(flowable, Table) and flowable.repeatRows == 1:
            rows.append(
                [
                    html.unescape(re.sub(r"<br/>", "\n", cell.text))
                    for cell in flowable._cellvalues[0]
                    if isinstance(cell, Paragraph)
                ]
            )
    return rows


@pytest.mark.parametrize(
    ("language", "organiser", "own"),
    [
        ("es", "hora de Ciudad de México", "hora de Tegucigalpa"),
        ("en", "Mexico City Time", "Tegucigalpa Time"),
        ("fr", "heure : Mexico", "heure : Tegucigalpa"),
        ("pt", "Horário Cidade do México", "Horário Tegucigalpa"),
    ],
)
def test_zone_names_come_from_cldr_in_the_packs_language(
    language: str, organiser: str, own: str, demo_database: Database, tmp_path: Path
) -> None:
    meeting_id = _meeting(demo_database, "irregular-mass-migration-followup-2021")
    data = gather_briefing(demo_database, meeting_id, "HN", "America/Tegucigalpa")
    assert data.organiser_zone_label == "Mexico Time, GMT-5"  # as the concept note wrote it
    target = tmp_path / f"pack-{language}.pdf"
    build_briefing(data, target, BriefingOptions(language, prepared_on=dt.date(2021, 9, 1)))
    cover = PdfReader(target).pages[0].extract_text()
    assert f"{organiser} (America/Mexico_City)" in cover
    assert f"{own} (America/Tegucigalpa)" in cover
    assert "Mexico Time" not in cover and "GMT-5" not in cover
    city = zone_city("America/Mexico_City", language)
    time_headers = [title for row in _headers(data, language) for title in row if city in title]
    assert time_headers and all(title.endswith("\n" + city) for title in time_headers)


def test_cldr_zone_names_and_places() -> None:
    assert zone_name("America/Mexico_City", "es") == "hora de Ciudad de México"
    assert zone_city("America/Sao_Paulo", "pt") == "São Paulo"
    assert zone_city("America/Santo_Domingo", "fr") == "Saint-Domingue"
    assert zone_name("Nowhere/Far_Away", "en") == "Far Away Time"  # unknown to CLDR


def test_one_time_column_names_both_zones_when_their_clocks_agree(
    demo_database: Database,
) -> None:
    # The workshop runs on Costa Rica's time, which is Honduras's time too (UTC-06:00).
    data = gather_briefing(
        demo_database, _meeting(demo_database, "mirps-workshop-2020"), "HN", "America/Tegucigalpa"
    )
    assert data.zones_differ and not data.clocks_differ
    headers = _headers(data, "en")
    sessions, *agendas = headers[:3]
    assert sessions == [
        "Session",
        "Day",
        "Organiser's time and yours\nCosta Rica and Tegucigalpa",
        "Lead",
    ]
    assert agendas[0][0] == "Organiser's time and yours\nCosta Rica and Tegucigalpa"
    assert len(agendas[0]) == 3
    # From Mexico City (UTC-05:00 that October) the clocks differ: two columns.
    mexico = gather_briefing(
        demo_database, _meeting(demo_database, "mirps-workshop-2020"), "MX", "America/Mexico_City"
    )
    assert mexico.clocks_differ
    assert _headers(mexico, "en")[0][2:4] == [
        "Organiser's time\nCosta Rica",
        "Your time\nMexico City",
    ]


def test_without_times_the_clocks_are_compared_on_the_first_day(
    demo_database: Database,
) -> None:
    data = gather_briefing(
        demo_database, _meeting(demo_database, "mirps-workshop-2020"), "HN", "America/Tegucigalpa"
    )
    bare = dataclasses.replace(data, sessions=())
    assert not bare.clocks_differ
    assert dataclasses.replace(bare, delegation_zone="America/Mexico_City").clocks_differ
    # Panama keeps UTC-05:00 all year; New York joins it only in winter.
    winter = dataclasses.replace(
        bare, organiser_zone="America/Panama", delegation_zone="America/New_York"
    )
    assert not dataclasses.replace(winter, start_date=dt.date(2021, 1, 15)).clocks_differ
    assert dataclasses.replace(winter, start_date=dt.date(2021, 7, 15)).clocks_differ
