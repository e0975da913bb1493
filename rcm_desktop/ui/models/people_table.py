"""The directory table: a page of people rows with declared columns."""

from __future__ import annotations

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import N_, country_name
from rcm_desktop.ui.models.rows import Column, RowsModel


class PeopleTableModel(RowsModel):
    """Rows of one search, one column per field."""

    columns = (
        Column(
            "name", N_("Name"), lambda row: " ".join(filter(None, (row.honorific, row.full_name)))
        ),
        Column("position", N_("Position"), lambda row: row.position or ""),
        Column("institution", N_("Institution"), lambda row: row.institution),
        Column("email", N_("Email"), lambda row: row.email or ""),
        Column("phone", N_("Phone"), lambda row: row.phone or ""),
        Column("gender", N_("Gender"), lambda row: label(row.gender)),
        Column(
            "country",
            N_("Country"),
            lambda row: country_name(row.country_code) if row.country_code else "",
        ),
    )
