"""The declarative base, the naming convention of constraints, enum columns and `Versioned`."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    Integer,
    MetaData,
    String,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, str]: JSON}


def enum_column(enum_class: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, storing the values."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_global_id() -> str:
    """A fresh global id: a random UUID, never reused, unique across machines."""
    return str(uuid.uuid4())


class Tracked:
    """A record the change journal follows: a global id beside the integer key.

    Integer keys are local to one database (SQLite reuses a deleted row's id); the global
    id names the same record on every copy of a store, so that the journal, a take-home
    copy and the server agree on which record an edit is about.
    """

    global_id: Mapped[str] = mapped_column(
        String(36), unique=True, index=True, default=new_global_id
    )


class Versioned:
    """A record users edit: a version number SQLAlchemy checks and bumps on every UPDATE.

    `row_version` is the optimistic-concurrency counter (an UPDATE whose WHERE clause
    names a version that is no longer stored changes nothing, and SQLAlchemy raises
    StaleDataError); `updated_by` and `updated_at` say who saved it last and when (UTC),
    set on every flush by `rcm_desktop.data.versioning`. (`Document.version` is the
    sender's name of the document's version, hence `row_version` here.)
    """

    row_version: Mapped[int] = mapped_column(Integer, server_default="1")
    #: Who saved the record last: "Ana Peña (ana@LAPTOP-3)".
    updated_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]
