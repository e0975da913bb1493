"""What each write changed, as another window reads it: kinds and records, others' only."""

from __future__ import annotations

import datetime as dt

from rcm_desktop.data.changes import KEEP_VERSIONS, changes_since, read_data_version
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import DataChange
from rcm_desktop.data.services.closures import add_closure
from rcm_desktop.data.services.directory import save_person
from rcm_desktop.data.services.store import open_store
from rcm_desktop.domain.people import PersonFields
from rcm_desktop.paths import Profile


def _other_handle(profile: Profile, database: Database) -> Database:
    """A second window on the same store (another person, or another computer)."""
    url = None if database.is_sqlite else database.engine.url.render_as_string(hide_password=False)
    return open_store(profile, url).store


def test_a_window_sees_what_others_changed_and_not_its_own(
    profile: Profile, database: Database
) -> None:
    other = _other_handle(profile, database)
    try:
        seen = read_data_version(database)
        mine = save_person(database, PersonFields(full_name="Mía", institution="INM"))
        assert changes_since(database, seen).kinds == frozenset(), "my own save is not news"
        theirs = save_person(other, PersonFields(full_name="Óscar", institution="DGME"))
        found = changes_since(database, seen)
        assert found.kinds == {"people"} and found.ids["people"] == {theirs}
        assert mine not in found.ids["people"]
        assert changes_since(database, found.version).version == found.version
    finally:
        other.dispose()


def test_a_closure_is_a_change_of_every_deadline(profile: Profile, demo_database: Database) -> None:
    other = _other_handle(profile, demo_database)
    try:
        seen = read_data_version(demo_database)
        add_closure(other, "MX", dt.date(2021, 10, 4), "puente")
        found = changes_since(demo_database, seen)
        assert "deadlines" in found.kinds
        assert found.ids["deadlines"] is None, "closures move deadlines of any record"
    finally:
        other.dispose()


def test_pruned_notes_mean_everything_may_have_changed(
    profile: Profile, database: Database
) -> None:
    seen = read_data_version(database)
    save_person(database, PersonFields(full_name="Mía", institution="INM"))
    with database.session() as session:
        session.query(DataChange).delete()
    found = changes_since(database, seen)
    assert found.everything and "meetings" in found.kinds
    assert KEEP_VERSIONS >= 1000
