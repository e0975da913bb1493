"""Queries over many ids, a bounded number of ids at a time: SQLite builds before 3.32
allow at most 999 bound parameters in one statement."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Row, Select
from sqlalchemy.orm import Session

IDS_PER_QUERY = 900


def rows_for_ids(
    session: Session,
    query: Select,  # type: ignore[type-arg]
    column: Any,
    ids: Iterable[int],
) -> Iterator[Row[Any]]:
    """*query*'s rows where *column* is one of *ids*, read IDS_PER_QUERY ids at a time (each
    part in the query's own order)."""
    wanted = list(ids)
    for start in range(0, len(wanted), IDS_PER_QUERY):
        yield from session.execute(query.where(column.in_(wanted[start : start + IDS_PER_QUERY])))
