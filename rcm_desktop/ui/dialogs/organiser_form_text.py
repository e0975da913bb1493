"""The words of the organiser's form dialog: field names, slot names, the default name of
the filled copy, and what filling did (every value too long for its box, every warning)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rcm_desktop.exchange.forms.fields import Field
from rcm_desktop.exchange.forms.form import FormSlot
from rcm_desktop.i18n import N_, _, format_list, ngettext

if TYPE_CHECKING:
    from rcm_desktop.exchange.forms.report import FillReport

#: What each field is called on the mapping screen (translated when shown).
FIELD_LABELS: dict[Field, str] = {
    Field.FULL_NAME: N_("Full name"),
    Field.GIVEN_NAMES: N_("Given names"),
    Field.FAMILY_NAMES: N_("Family names"),
    Field.HONORIFIC: N_("Title (Mr, Ms…)"),
    Field.POSITION: N_("Position"),
    Field.INSTITUTION: N_("Institution"),
    Field.MINISTRY: N_("Ministry or agency"),
    Field.COUNTRY: N_("Country"),
    Field.EMAIL: N_("E-mail"),
    Field.PHONE: N_("Telephone"),
    Field.ROLE: N_("Role in the delegation"),
    Field.GENDER: N_("Gender"),
    Field.SEAT: N_("Seat"),
    Field.PROFILE: N_("Seat profile"),
    Field.NUMBER: N_("Row number (1, 2, 3…)"),
}


def field_label(field: Field) -> str:
    """The translated name of *field*."""
    return _(FIELD_LABELS[field])


def slot_label(slot: FormSlot) -> str:
    """What the form calls *slot*; a PDF field's participant too ("Participant 2")."""
    text = slot.label or slot.key
    if slot.participant is None:
        return text
    return _("%(label)s (Participant %(n)d)") % {"label": text, "n": slot.participant + 1}


def filled_name(form: Path) -> str:
    """The default name of the filled copy: "<form stem> – filled<suffix>"."""
    return _("%(name)s – filled") % {"name": form.stem} + form.suffix


def report_lines(report: FillReport, target: Path) -> list[str]:
    """What filling the form did, one sentence a line; every value too long for its box."""
    lines = [_("The filled form was saved as %(path)s.") % {"path": target}]
    lines.append(
        ngettext("%(n)d row written.", "%(n)d rows written.", report.rows_written)
        % {"n": report.rows_written}
    )
    if report.rows_added:
        lines.append(
            ngettext(
                "%(n)d row was added to the form's table.",
                "%(n)d rows were added to the form's table.",
                report.rows_added,
            )
            % {"n": report.rows_added}
        )
    for short in report.too_short:
        lines.append(
            _(
                "%(where)s holds %(limit)d characters; “%(value)s” (%(length)d) was written "
                "in full — check it in the form."
            )
            % {
                "where": short.where or field_label(short.field),
                "limit": short.limit,
                "value": short.value,
                "length": len(short.value),
            }
        )
    if report.rows_removed:
        lines.append(
            ngettext(
                "%(n)d blank row was removed.",
                "%(n)d blank rows were removed.",
                report.rows_removed,
            )
            % {"n": report.rows_removed}
        )
    lines.extend(report.warnings)
    if report.unmatched:
        lines.append(
            _("Nothing was written into: %(columns)s.")
            % {"columns": format_list([f"“{column}”" for column in report.unmatched])}
        )
    return lines
