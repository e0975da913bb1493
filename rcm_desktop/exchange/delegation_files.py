"""A meeting's delegation (one country's, or every country's) as CSV or JSON for the organisers."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rcm_desktop.domain.vocabulary import Gender, NominationRole, NominationStatus, label
from rcm_desktop.exchange.csv_cells import SafeWriter
from rcm_desktop.exchange.files import write_text_file
from rcm_desktop.i18n import N_, messages

FORMATS = ("csv", "json")

#: CSV columns: key in the row dictionary and the header (translated when written).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("country", N_("Country")),
    ("seat", N_("Seat")),
    ("profile", N_("Required profile")),
    ("honorific", N_("Honorific")),
    ("full_name", N_("Full name")),
    ("position", N_("Position")),
    ("institution", N_("Institution")),
    ("agency", N_("Ministry or agency")),
    ("email", N_("Email")),
    ("phone", N_("Phone")),
    ("gender", N_("Gender")),
    ("role", N_("Role")),
    ("status", N_("Status")),
    ("submitted_on", N_("Submitted on")),
)


def delegation_csv(records: dict[str, Any], language: str = "en") -> str:
    """CSV text of the participants, headers and values in *language*."""
    t = messages(language)
    out = io.StringIO(newline="")
    writer = SafeWriter(out)
    writer.writerow([t.gettext(header) for _key, header in COLUMNS])
    for record in records["participants"]:
        shown = dict(record)
        shown["country"] = t.country(record["country"])
        shown["gender"] = label(Gender(record["gender"]), t.gettext)
        shown["role"] = label(NominationRole(record["role"]), t.gettext)
        shown["status"] = label(NominationStatus(record["status"]), t.gettext)
        writer.writerow(["" if shown[key] is None else shown[key] for key, _h in COLUMNS])
    return out.getvalue()


def write_delegation(records: dict[str, Any], path: Path, fmt: str, language: str = "en") -> Path:
    """Write the records as "csv" (UTF-8 with a byte-order mark, for Excel) or "json"."""
    if fmt == "json":
        return write_text_file(path, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return write_text_file(path, delegation_csv(records, language), "utf-8-sig")
