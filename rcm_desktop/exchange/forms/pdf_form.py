"""Fillable PDF forms (AcroForm): the text fields listed, their names or labels ("nombre_1",
"Nombre 1", "cargo1", "email_2") matched to a field and a participant, and filled. A field
whose MaxLen is shorter than the value receives the whole value and is reported."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.forms.fields import Field, match_field_name, placeholders_in
from rcm_desktop.exchange.forms.records import ParticipantRecord, value_for
from rcm_desktop.exchange.forms.report import (
    FillReport,
    TooShort,
    nothing_recognised,
    unreadable,
    write_beside,
)
from rcm_desktop.i18n import _

_FILLABLE = ("/Tx", "/Ch")
#: Pages read for placeholders when a PDF has no form fields.
_PLACEHOLDER_PAGES = 5


@dataclass(frozen=True)
class PdfField:
    """A fillable field of the form: its full name, label, type, MaxLen (None when
    unlimited) and what it was matched to (field, participant index from 0), if anything."""

    name: str
    label: str
    kind: str
    max_length: int | None
    match: tuple[Field, int] | None


def _open(source: Path) -> Any:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(source))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted")
        reader.get_fields()
    except Exception as error:  # damaged, encrypted with a password, not a PDF
        raise unreadable(Path(source), "PDF") from error
    return reader


def _max_lengths(reader: Any) -> dict[str, int]:
    """Full field name → MaxLen, read from the field tree (pypdf's list leaves it out)."""
    found: dict[str, int] = {}

    def visit(node: Any, prefix: str, inherited: int | None) -> None:
        node = node.get_object()
        name = str(node.get("/T", ""))
        full = f"{prefix}.{name}" if prefix and name else (name or prefix)
        limit = node.get("/MaxLen", inherited)
        if limit is not None and full:
            found.setdefault(full, int(limit))
        for kid in node.get("/Kids", []):
            visit(kid, full, limit)

    acro = reader.trailer["/Root"].get("/AcroForm")
    if acro is not None:
        for top in acro.get_object().get("/Fields", []):
            visit(top, "", None)
    return found


def _fields(reader: Any) -> list[PdfField]:
    found = []
    limits = _max_lengths(reader)
    for name, data in (reader.get_fields() or {}).items():
        kind = str(data.get("/FT", ""))
        if kind not in _FILLABLE:
            continue
        label = str(data.get("/TU", "") or "")
        limit = limits.get(name)
        match = match_field_name(name) or (match_field_name(label) if label else None)
        found.append(PdfField(name, label, kind, int(limit) if limit else None, match))
    return found


def list_pdf_fields(source: Path) -> list[PdfField]:
    """The fillable fields of the PDF form at *source*; raises ImportFileError."""
    return _fields(_open(Path(source)))


def _has_placeholders(reader: Any) -> bool:
    for page in reader.pages[:_PLACEHOLDER_PAGES]:
        try:
            if placeholders_in(page.extract_text() or ""):
                return True
        except Exception:  # a page whose text cannot be extracted
            continue
    return False


def fill_pdf(
    source: Path,
    target: Path,
    records: Sequence[ParticipantRecord],
    mapping: Mapping[str, tuple[Field, int]] | None = None,
) -> FillReport:
    """Write *records* into the fields of the PDF form at *source*, saved as *target*.

    *mapping* (field name → field and participant index) replaces the one found. Raises
    ImportFileError for a PDF that cannot be read, has no form fields, or none recognised.
    """
    from pypdf import PdfWriter

    source, target = Path(source), Path(target)
    reader = _open(source)
    fields = _fields(reader)
    if not fields:
        if _has_placeholders(reader):
            raise ImportFileError(
                _(
                    "%(file)s has placeholders but no form fields, so RCM Desk cannot write "
                    "into it. Fill the Word version of the form, or ask the organiser for a "
                    "fillable PDF."
                )
                % {"file": source.name}
            )
        raise nothing_recognised(source)
    used = dict(mapping) if mapping is not None else {f.name: f.match for f in fields if f.match}
    if not used:
        raise nothing_recognised(source)
    report = FillReport(
        mapping={name: wanted for name, (wanted, _index) in used.items()},
        unmatched=[f.name for f in fields if f.name not in used],
        where=source.name,
    )
    by_name = {f.name: f for f in fields}
    values: dict[str, str] = {}
    for name, (wanted, index) in used.items():
        if index >= len(records):
            continue
        value = value_for(records[index], wanted)
        values[name] = value
        limit = by_name[name].max_length if name in by_name else None
        if limit is not None and len(value) > limit:
            report.too_short.append(TooShort(name, wanted, limit, value))
    report.rows_written = len({index for _field, index in used.values() if index < len(records)})
    writer = PdfWriter(clone_from=reader)
    writer.update_page_form_field_values(None, _short_names(values), auto_regenerate=True)
    _set_full_values(writer, values)
    write_beside(source, target, lambda path: writer.write(str(path)))
    return report


def _short_names(values: Mapping[str, str]) -> dict[str, str]:
    """pypdf matches the page's widgets by their own name (/T): the last part of a full name."""
    return {name.rsplit(".", 1)[-1]: value for name, value in values.items()}


def _set_full_values(writer: Any, values: Mapping[str, str]) -> None:
    """Make sure each field's value (/V) holds the whole text, whatever its MaxLen."""
    from pypdf.generic import NameObject, TextStringObject

    def visit(node: Any, prefix: str) -> None:
        node = node.get_object()
        name = str(node.get("/T", ""))
        full = f"{prefix}.{name}" if prefix and name else (name or prefix)
        if full in values and "/T" in node:
            node[NameObject("/V")] = TextStringObject(values[full])
        for kid in node.get("/Kids", []):
            visit(kid, full)

    acro = writer._root_object.get("/AcroForm")
    if acro is None:
        return
    for top in acro.get_object().get("/Fields", []):
        visit(top, "")
