"""Every text a record receives is cleaned as it is set, whoever sets it (a form, a CSV import,
the demo): `domain.text.clean_text`, keeping line breaks in TEXT columns only. One rule for
every entry point that goes through the models, so no NUL, control or bidi override character
is ever stored, and SQLite's `length()` (which stops at a NUL) agrees with what is shown.
A text longer than its column is refused, in characters, on SQLite as on PostgreSQL (SQLite
would keep it; PostgreSQL refuses it only at commit)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Enum, String, Text, event
from sqlalchemy.orm import Mapper

from rcm_desktop.domain.text import clean_text
from rcm_desktop.errors import ValidationError
from rcm_desktop.i18n import _, format_number


def _cleaner(multiline: bool, limit: int | None, field: str) -> Any:
    def clean(_target: Any, value: Any, _old: Any, _initiator: Any) -> Any:
        if not isinstance(value, str):
            return value
        cleaned = clean_text(value, multiline=multiline)
        if limit is not None and len(cleaned) > limit:
            raise ValidationError(
                _(
                    "The text for “%(field)s” is %(length)s characters long; at most "
                    "%(limit)s fit. Nothing was saved. Shorten it and save again."
                )
                % {
                    "field": field.replace("_", " "),
                    "length": format_number(len(cleaned)),
                    "limit": format_number(limit),
                },
                field=field,
            )
        return cleaned

    return clean


@event.listens_for(Mapper, "mapper_configured")
def _clean_text_columns(mapper: Mapper, class_: type) -> None:  # type: ignore[type-arg]
    for attribute in mapper.column_attrs:
        column = attribute.columns[0]
        kind = column.type
        if not isinstance(kind, String) or isinstance(kind, Enum):
            continue
        multiline = isinstance(kind, Text)
        limit = kind.length if isinstance(kind.length, int) else None
        cleaner = _cleaner(multiline, limit, attribute.key)
        event.listen(getattr(class_, attribute.key), "set", cleaner, retval=True)
