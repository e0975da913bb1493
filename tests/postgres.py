"""Fresh PostgreSQL databases for the store tests (used when RCM_DESK_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from rcm_desktop.data.db import Database
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.paths import Profile

TEMPLATE = "rcm_desk_template"
_template_ready = False


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _ensure_template(url: str, profile: Profile) -> None:
    """Migrate a template database once per run; each test clones it (fast)."""
    global _template_ready
    if _template_ready:
        return
    admin = _admin(url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{TEMPLATE}"'))
    admin.dispose()
    template_url = make_url(url).set(database=TEMPLATE).render_as_string(hide_password=False)
    store = open_database(profile, template_url)
    prepare_store(store, profile)
    store.dispose()
    _template_ready = True


@contextmanager
def fresh_database(url: str, profile: Profile) -> Iterator[Database]:
    """A new database cloned from the migrated template, dropped afterwards."""
    _ensure_template(url, profile)
    name = "t_" + uuid.uuid4().hex[:12]
    admin = _admin(url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"'))
    store = open_database(
        profile, make_url(url).set(database=name).render_as_string(hide_password=False)
    )
    prepare_store(store, profile)
    try:
        yield store
    finally:
        store.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
