"""One view of any organiser's form, whatever its format: the places it has for participant
details ("slots", each with what the form calls it and the field it will receive), and one
function that fills it. What a mapping screen and the `fill-form` command work with."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rcm_desktop.errors import ImportFileError
from rcm_desktop.exchange.forms.fields import Field, normalise
from rcm_desktop.exchange.forms.records import ParticipantRecord
from rcm_desktop.exchange.forms.report import FillReport, nothing_recognised
from rcm_desktop.i18n import _

#: The formats RCM Desk fills, by file suffix.
KINDS = {".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf"}


@dataclass(frozen=True)
class FormSlot:
    """A place in the form for one detail: a table column (every participant's row), or a PDF
    field (one participant's). *key* identifies it in the file; *label* is what the form says."""

    key: str
    label: str
    field: Field | None
    participant: int | None = None  # a PDF field's participant (0 = the first); None: every row
    max_length: int | None = None


@dataclass(frozen=True)
class FormLayout:
    """What the form at *path* holds: its kind, its slots, and its placeholders' text."""

    path: Path
    kind: str
    slots: tuple[FormSlot, ...]
    placeholders: tuple[str, ...] = ()

    @property
    def recognised(self) -> int:
        """How many slots will receive something."""
        return sum(1 for slot in self.slots if slot.field is not None)


def form_kind(path: Path) -> str:
    """ "docx", "xlsx" or "pdf"; ImportFileError for any other file."""
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise ImportFileError(
            _(
                "%(file)s is not a form RCM Desk can fill. Choose a Word (.docx), Excel (.xlsx) "
                "or fillable PDF form; an older .doc or .xls can be saved in those formats first."
            )
            % {"file": Path(path).name}
        )
    return kind


def inspect_form(path: Path) -> FormLayout:
    """The slots of the form at *path*, as found; raises ImportFileError (unreadable, not a
    form, nothing at all to fill)."""
    path = Path(path)
    kind = form_kind(path)
    if kind == "pdf":
        from rcm_desktop.exchange.forms.pdf_form import list_pdf_fields

        fields = list_pdf_fields(path)
        if not fields:
            raise nothing_recognised(path)
        slots = tuple(
            FormSlot(
                item.name,
                item.label or item.name,
                item.match[0] if item.match else None,
                item.match[1] if item.match else None,
                item.max_length,
            )
            for item in fields
        )
        return FormLayout(path, kind, slots)
    if kind == "docx":
        from rcm_desktop.exchange.forms.docx_form import docx_first_row, inspect_docx

        layout = inspect_docx(path)
        headers = layout.headers if layout.table is not None else docx_first_row(path)
        mapping = layout.mapping
        placeholders = tuple(text for text, _field in layout.placeholders)
    else:
        from rcm_desktop.exchange.forms.xlsx_form import inspect_xlsx, xlsx_first_row

        found = inspect_xlsx(path)
        headers = found.headers if found is not None else xlsx_first_row(path)
        mapping = found.mapping if found is not None else {}
        placeholders = ()
    slots = tuple(
        FormSlot(str(column), label, mapping.get(column))
        for column, label in enumerate(headers)
        if label or column in mapping
    )
    if not slots and not placeholders:
        raise nothing_recognised(path)
    return FormLayout(path, kind, slots, placeholders)


def remap(layout: FormLayout, chosen: Mapping[str, Field | None]) -> FormLayout:
    """*layout* with the fields the user chose, by slot key (keys not given keep theirs)."""
    slots = tuple(
        replace(slot, field=chosen[slot.key]) if slot.key in chosen else slot
        for slot in layout.slots
    )
    return replace(layout, slots=slots)


def remembered_mapping(layout: FormLayout, remembered: Mapping[str, str]) -> FormLayout:
    """*layout* with the choices made for an earlier form of the same organiser, matched by
    what the form calls each slot (normalised), so a corrected mapping is not asked twice."""
    chosen: dict[str, Field | None] = {}
    for slot in layout.slots:
        value = remembered.get(normalise(slot.label))
        if value is not None:
            chosen[slot.key] = Field(value) if value else None
    return remap(layout, chosen)


def mapping_to_remember(layout: FormLayout) -> dict[str, str]:
    """The choices of *layout*, by normalised label ("" for a slot left empty)."""
    return {
        normalise(slot.label): slot.field.value if slot.field else ""
        for slot in layout.slots
        if slot.label
    }


def fill_form(
    layout: FormLayout,
    target: Path,
    records: Sequence[ParticipantRecord],
    remove_blank: bool = False,
) -> FillReport:
    """Write *records* into the form as *layout* maps it, saved as the new file *target*;
    *remove_blank* takes out a table's rows left blank (Word and Excel forms)."""
    target = Path(target)
    if layout.kind == "pdf":
        from rcm_desktop.exchange.forms.pdf_form import fill_pdf

        pdf_mapping = {
            slot.key: (slot.field, slot.participant or 0)
            for slot in layout.slots
            if slot.field is not None
        }
        return fill_pdf(layout.path, target, records, pdf_mapping)
    mapping = {int(slot.key): slot.field for slot in layout.slots if slot.field is not None}
    if layout.kind == "docx":
        from rcm_desktop.exchange.forms.docx_form import fill_docx

        return fill_docx(layout.path, target, records, mapping, remove_blank)
    from rcm_desktop.exchange.forms.xlsx_form import fill_xlsx

    return fill_xlsx(layout.path, target, records, mapping, remove_blank=remove_blank)
