"""Every text a record receives is cleaned as it is set, whoever sets it (a form, a CSV import,
the demo): `domain.text.clean_text`, keeping line breaks in TEXT columns only. One rule for
every entry point that goes through the models, so no NUL, control or bidi override character
is ever stored, and SQLite's `length()` (which stops at a NUL) agrees with what is shown."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Enum, String, Text, event
from sqlalchemy.orm import Mapper

from rcm_desktop.domain.text import clean_text


def _cleaner(multiline: bool) -> Any:
    def clean(_target: Any, value: Any, _old: Any, _initiator: Any) -> Any:
        return clean_text(value, multiline=multiline) if isinstance(value, str) else value

    return clean


@event.listens_for(Mapper, "mapper_configured")
def _clean_text_columns(mapper: Mapper, class_: type) -> None:  # type: ignore[type-arg]
    for attribute in mapper.column_attrs:
        column = attribute.columns[0]
        kind = column.type
        if not isinstance(kind, String) or isinstance(kind, Enum):
            continue
        multiline = isinstance(kind, Text)
        event.listen(getattr(class_, attribute.key), "set", _cleaner(multiline), retval=True)
