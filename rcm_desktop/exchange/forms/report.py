"""What filling a form did, and what the formats share: the mapping, the safe write, the errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.forms.fields import Field, match_header
from rcm_desktop.i18n import _
from rcm_desktop.paths import replace_through_temporary


def map_headers(texts: list[str]) -> tuple[dict[int, Field], list[str]]:
    """Column index → field for the header cells that name one, and the others' text."""
    mapping: dict[int, Field] = {}
    unmatched: list[str] = []
    for index, text in enumerate(texts):
        found = match_header(text) if text.strip() else None
        if found is not None:
            mapping[index] = found
        elif text.strip():
            unmatched.append(text.strip())
    return mapping, unmatched


def chosen(mapping: Mapping[int, Field] | None, found: dict[int, Field]) -> dict[int, Field]:
    """The mapping the caller gave, else the one found."""
    return dict(mapping) if mapping is not None else found


@dataclass(frozen=True)
class TooShort:
    """A form field that holds fewer characters than the value written into it."""

    where: str
    field: Field
    limit: int
    value: str


@dataclass
class FillReport:
    """The mapping used and what was written: rows written and added, fields too short,
    the form's columns (or fields) that nothing was written into."""

    mapping: dict[str, Field] = field(default_factory=dict)
    rows_written: int = 0
    rows_added: int = 0
    rows_removed: int = 0  # blank rows taken out, when the user asked for it
    placeholders_replaced: int = 0
    too_short: list[TooShort] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    where: str = ""
    #: What the user should check in the filled copy (a picture the format could not keep).
    warnings: list[str] = field(default_factory=list)


def unreadable(path: Path, kind: str) -> ImportFileError:
    """The error for a form that cannot be opened as *kind* (corrupt, protected, another format)."""
    return ImportFileError(
        _(
            "%(file)s cannot be read as a %(kind)s form: it may be damaged, protected by a "
            "password or of another kind. Save it again from its program without a password "
            "and try again."
        )
        % {"file": path.name, "kind": kind}
    )


def nothing_recognised(path: Path) -> ImportFileError:
    """The error for a form in which no place for participants was found."""
    return ImportFileError(
        _(
            "Nothing in %(file)s says where participants go: no table or sheet with headers "
            "such as Name, Position, Institution or E-mail, no form fields and no placeholders "
            "such as {{name}}. Map its columns by hand."
        )
        % {"file": path.name}
    )


def write_beside(source: Path, target: Path, write: Callable[[Path], None]) -> None:
    """Call *write* with a temporary file beside *target*, then rename it into place.

    *source* is never written: a target equal to it is refused.
    """
    target = Path(target)
    if target.resolve() == Path(source).resolve():
        raise ImportFileError(
            _("The filled form must be saved as a new file, not over the original %(file)s.")
            % {"file": source.name}
        )
    replace_through_temporary(target, write)


def is_blank(texts: Sequence[str]) -> bool:
    """A row with nothing in it but, perhaps, its number ("3", "3.", "N° 3")."""
    return all(
        not text.strip() or text.strip().rstrip(".").lstrip("N°º#").strip().isdigit()
        for text in texts
    )
