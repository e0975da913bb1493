"""Delegation services over the demo store: seats, views, matrix, exports, empty seats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rcm_desktop.data.db import Database
from rcm_desktop.data.demo import load_demo
from rcm_desktop.data.models import Meeting, Nomination, Person, Seat
from rcm_desktop.data.services import directory, nominations
from rcm_desktop.data.services import seats as seat_service
from rcm_desktop.data.services.delegation_export import export_delegation
from rcm_desktop.data.services.delegation_views import (
    default_meeting,
    delegation,
    delegation_matrix,
    meeting_choices,
    participant_list,
)
from rcm_desktop.data.services.seats import SeatDraft, meetings_with_empty_seats
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.domain.vocabulary import Gender, NominationRole, NominationStatus
from rcm_desktop.errors import RcmDeskError, StorageError, ValidationError

TODAY = dt.date(2021, 9, 15)


def meeting_id(database: Database, key: str) -> int:
    with database.session() as session:
        found = session.scalar(select(Meeting.id).where(Meeting.source_key == key))
        assert found is not None
        return found


def new_person(database: Database, name: str, country: str | None = None) -> int:
    return directory.save_person(
        database,
        PersonFields(
            full_name=name, institution="Dirección General de Migración", country_code=country
        ),
    )


def test_demo_delegations_load_once(demo_database: Database) -> None:
    with demo_database.session() as session:
        counts = (
            session.scalar(select(func.count()).select_from(Person)),
            session.scalar(select(func.count()).select_from(Seat)),
            session.scalar(select(func.count()).select_from(Nomination)),
        )
    load_demo(demo_database)
    with demo_database.session() as session:
        again = (
            session.scalar(select(func.count()).select_from(Person)),
            session.scalar(select(func.count()).select_from(Seat)),
            session.scalar(select(func.count()).select_from(Nomination)),
        )
    assert counts == again == (8, 8, 9)


def test_mirps_workshop_delegation(demo_database: Database) -> None:
    view = delegation(demo_database, meeting_id(demo_database, "mirps-workshop-2020"), "HN")
    assert view is not None
    assert view.limit == 2 and view.places == 3 and view.filled == 3
    assert [line.seat.position for line in view.seats] == [1, 2, 3]
    assert view.seats[2].seat.forum_code == "MIRPS" and view.seats[2].open
    assert view.seats[0].holder is not None
    assert view.seats[0].holder.full_name == "José Ángel Cárcamo Ruíz"
    assert dict(view.gender) == {Gender.FEMALE: 1, Gender.MALE: 2}
    # Nicaragua is not a MIRPS member: the MIRPS seat is closed to it.
    other = delegation(demo_database, view.meeting_id, "NI")
    assert other is not None and not other.seats[2].open and other.places == 2


def test_history_keeps_the_replaced_nomination(demo_database: Database) -> None:
    view = delegation(
        demo_database, meeting_id(demo_database, "irregular-mass-migration-followup-2021"), "HN"
    )
    assert view is not None and view.places == 4 and view.filled == 3
    assert [line.status for line in view.history] == [NominationStatus.REPLACED]
    assert view.history[0].replaced_by_id == view.seats[1].holder.id  # type: ignore[union-attr]
    assert view.seats[3].holder is None


def test_each_refusal_through_the_service(demo_database: Database) -> None:
    workshop = meeting_id(demo_database, "mirps-workshop-2020")
    seats = [seat.id for seat in seat_service.get_seat_setup(demo_database, workshop).seats]  # type: ignore[union-attr]
    someone = new_person(demo_database, "Rosa Elvira Zelaya")
    with pytest.raises(ValidationError, match=r"at most 2 participants per country \(concept note"):
        nominations.nominate(
            demo_database, workshop, "HN", someone, None, NominationRole.DELEGATE, TODAY
        )
    with pytest.raises(ValidationError, match="already held by"):
        nominations.nominate(
            demo_database, workshop, "HN", someone, seats[0], NominationRole.DELEGATE, TODAY
        )
    view = delegation(demo_database, workshop, "HN")
    holder = view.seats[0].holder  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="cannot hold two seats"):
        nominations.replace(demo_database, view.seats[1].holder.id, holder.person_id, TODAY)  # type: ignore[union-attr]
    nicaraguan = new_person(demo_database, "Carlos Téllez", "NI")
    with pytest.raises(ValidationError, match="reserved to the members of MIRPS"):
        nominations.nominate(
            demo_database, workshop, "NI", nicaraguan, seats[2], NominationRole.DELEGATE, TODAY
        )
    # Withdrawing frees the seat.
    nominations.withdraw(demo_database, holder.id, TODAY)
    new_id = nominations.nominate(
        demo_database, workshop, "HN", someone, seats[0], NominationRole.HEAD, TODAY
    )
    nominations.submit(demo_database, new_id, TODAY)
    nominations.confirm(demo_database, new_id, TODAY)
    with pytest.raises(
        ValidationError,
        match="confirmed; only a draft or submitted nomination can be marked as submitted",
    ):
        nominations.submit(demo_database, new_id, TODAY)
    with pytest.raises(RcmDeskError, match="history"):
        directory.delete_person(demo_database, someone)


def test_seat_setup_edits_and_refusals(demo_database: Database) -> None:
    followup = meeting_id(demo_database, "irregular-mass-migration-followup-2021")
    setup = seat_service.get_seat_setup(demo_database, followup)
    assert setup is not None and setup.limit == 4 and len(setup.seats) == 4
    with pytest.raises(ValidationError, match="withdraw some before lowering the limit to 2"):
        seat_service.save_seat_setup(demo_database, followup, 2, "note", list(setup.seats))
    with pytest.raises(ValidationError, match="held by"):
        seat_service.save_seat_setup(demo_database, followup, 4, "note", list(setup.seats[1:]))
    with pytest.raises(ValidationError, match="1 or more"):
        seat_service.save_seat_setup(demo_database, followup, 0, "", list(setup.seats))
    with pytest.raises(ValidationError, match="but 5 seats count towards that limit"):
        seat_service.save_seat_setup(
            demo_database, followup, 4, "note", [*setup.seats, SeatDraft("Asesor")]
        )
    assert len(seat_service.get_seat_setup(demo_database, followup).seats) == 4  # type: ignore[union-attr]
    # Reorder, drop the empty seat 4, add an extra seat: one transaction.
    seats = [
        setup.seats[2],
        setup.seats[0],
        setup.seats[1],
        SeatDraft("Intérprete", beyond_limit=True),
    ]
    seat_service.save_seat_setup(demo_database, followup, 3, "concept note", seats)
    after = seat_service.get_seat_setup(demo_database, followup)
    assert after is not None and after.limit == 3 and after.limit_source == "concept note"
    assert [seat.id for seat in after.seats[:3]] == [
        setup.seats[2].id,
        setup.seats[0].id,
        setup.seats[1].id,
    ]
    assert after.seats[3].profile == "Intérprete" and after.seats[3].beyond_limit


def test_matrix_and_participant_list(demo_database: Database) -> None:
    plenary = meeting_id(demo_database, "rcm-sacm-plenary-2021")
    matrix = delegation_matrix(demo_database, plenary)
    assert matrix is not None
    assert len(matrix.rows) == 23  # 11 RCM + 12 SACM members
    honduras = next(row for row in matrix.rows if row.country_code == "HN")
    assert honduras.cells == ("María José Núñez Peña",) and honduras.filled == 1
    assert [line.full_name for line in participant_list(demo_database, plenary)] == [
        "María José Núñez Peña"
    ]


def test_exports(demo_database: Database, tmp_path: Path) -> None:
    workshop = meeting_id(demo_database, "mirps-workshop-2020")
    out = tmp_path / "d.json"
    assert export_delegation(demo_database, workshop, out, "json", "HN") == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meeting"]["max_participants_per_country"] == 2
    assert data["participants"][0]["full_name"] == "José Ángel Cárcamo Ruíz"
    assert data["meeting"]["seats"][2]["reserved_to"] == "MIRPS"
    out_csv = tmp_path / "d.csv"
    export_delegation(demo_database, workshop, out_csv, "csv")
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Country", "Seat", "Required profile"]
    assert rows[1][0] == "Honduras" and rows[1][-3] == "Head of delegation"
    with pytest.raises(ValidationError):
        export_delegation(demo_database, workshop, out, "xml")


def test_meetings_with_empty_seats(demo_database: Database) -> None:
    rows = meetings_with_empty_seats(demo_database, "HN", dt.date(2021, 9, 15), 30)
    assert [(row.title[:6], row.filled, row.seats) for row in rows] == [("Second", 3, 4)]
    assert meetings_with_empty_seats(demo_database, "HN", dt.date(2020, 10, 1), 30) == []
    nicaragua = meetings_with_empty_seats(demo_database, "NI", dt.date(2020, 10, 1), 30)
    assert [(row.filled, row.seats) for row in nicaragua] == [(0, 2)]


def test_default_meeting(demo_database: Database) -> None:
    choices = meeting_choices(demo_database)
    assert default_meeting(choices, dt.date(2021, 9, 20)).first_date == dt.date(2021, 10, 1)  # type: ignore[union-attr]
    assert default_meeting(choices, dt.date(2030, 1, 1)) == choices[0]
    assert default_meeting([], TODAY) is None


def test_reserving_a_held_seat_to_a_forum_the_holder_is_not_in_is_refused(
    demo_database: Database,
) -> None:
    workshop = meeting_id(demo_database, "mirps-workshop-2020")
    setup = seat_service.get_seat_setup(demo_database, workshop)
    assert setup is not None
    for seat, name in zip(setup.seats[:2], ("Carlos Téllez", "Ana Lucía Ortega"), strict=True):
        person = new_person(demo_database, name, "NI")
        nominations.nominate(
            demo_database, workshop, "NI", person, seat.id, NominationRole.DELEGATE, TODAY
        )
    seats = list(setup.seats)
    seats[1] = SeatDraft(
        seats[1].profile, "MIRPS", seats[1].beyond_limit, seats[1].source, seats[1].id
    )
    with pytest.raises(ValidationError, match="Seat 2 is held by Ana Lucía Ortega of Nicaragua"):
        seat_service.save_seat_setup(demo_database, workshop, 2, "", seats)
    after = seat_service.get_seat_setup(demo_database, workshop)
    assert after is not None and after.seats[1].forum_code is None
    view = delegation(demo_database, workshop, "NI")
    assert view is not None and view.filled == 2


def test_status_refusals_are_whole_sentences(demo_database: Database) -> None:
    workshop = meeting_id(demo_database, "mirps-workshop-2020")
    setup = seat_service.get_seat_setup(demo_database, workshop)
    assert setup is not None
    person = new_person(demo_database, "Carlos Téllez", "NI")
    nomination = nominations.nominate(
        demo_database, workshop, "NI", person, setup.seats[0].id, NominationRole.DELEGATE, TODAY
    )
    nominations.withdraw(demo_database, nomination, TODAY)
    refusals = {
        "marked as submitted": lambda: nominations.submit(demo_database, nomination, TODAY),
        "nomination can be confirmed": lambda: nominations.confirm(
            demo_database, nomination, TODAY
        ),
        "can be withdrawn": lambda: nominations.withdraw(demo_database, nomination, TODAY),
        "can be replaced": lambda: nominations.replace(demo_database, nomination, person, TODAY),
        "only a draft can be deleted": lambda: nominations.delete_draft(demo_database, nomination),
    }
    for ending, action in refusals.items():
        with pytest.raises(ValidationError, match=f"^This nomination is withdrawn; .*{ending}"):
            action()


def test_an_export_to_a_bad_path_is_a_storage_error_and_leaves_no_part_file(
    demo_database: Database, tmp_path: Path
) -> None:
    workshop = meeting_id(demo_database, "mirps-workshop-2020")
    folder = tmp_path / "out" / "d.csv"
    folder.mkdir(parents=True)  # a folder where the file should go: the final rename fails
    with pytest.raises(StorageError, match=r"could not be written to .*d\.csv"):
        export_delegation(demo_database, workshop, folder, "csv")
    assert sorted(path.name for path in folder.parent.iterdir()) == ["d.csv"]
    with pytest.raises(StorageError, match="Choose another folder"):
        export_delegation(demo_database, workshop, tmp_path / "missing" / "d.json", "json")
