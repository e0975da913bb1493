"""The dashboard: what the focal point should know when the app opens."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from rcm_desktop.data.enums import label
from rcm_desktop.i18n import _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.rich_text import tag


class DashboardPage(Page):
    """Country, meetings coming up and the latest ones; deadlines join it later."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.summary.setMaximumWidth(760)
        self.layout_.addWidget(self.summary)
        self.layout_.addStretch(1)
        context.events.changed.connect(lambda _what: self.refresh())
        self.retranslate()

    def title(self) -> str:
        return _("Dashboard")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.refresh()

    def _deadlines_html(self, database, country: str | None) -> list[str]:  # type: ignore[no-untyped-def]
        """Counts, then the deadlines due within 3 working days and the latest missed: icon, word, colour."""
        from html import escape

        from rcm_desktop.data.services.deadlines import (
            list_deadlines,
            pressing_counts,
            recent_overdue,
        )

        counts = pressing_counts(database)
        parts = [tag("h3", _("Deadlines"))]
        if not counts.total:
            parts.append(tag("p", _("Nothing overdue and nothing due in the next 3 working days.")))
            return parts
        parts.append(
            tag(
                "p",
                ngettext("%(n)d deadline overdue", "%(n)d deadlines overdue", counts.overdue)
                % {"n": counts.overdue}
                + " · "
                + ngettext(
                    "%(n)d due within 3 working days",
                    "%(n)d due within 3 working days",
                    counts.soon,
                )
                % {"n": counts.soon},
            )
        )

        def item(marker: str, colour: str, due, title: str) -> str:  # type: ignore[no-untyped-def]
            return (
                f"<li><span style='color:{colour}; font-weight:600'>{escape(marker)}</span> — "
                + escape(format_date(due))
                + ": "
                + escape(title)
                + "</li>"
            )

        soon = [
            row
            for row in list_deadlines(
                database, own_country=country, pressing_only=True, upcoming_only=True
            )
            if row.urgency == "soon"
        ]
        items = [item("⚠ " + _("Due soon"), "#8a5a00", row.due, row.title) for row in soon[:10]]
        items += [
            item("⚠ " + _("Overdue"), "#b42318", due, title)
            for _id, title, due in recent_overdue(database)
        ]
        parts.append("<ul>" + "".join(items) + "</ul>")
        return parts

    def refresh(self) -> None:
        from html import escape

        database = self.context.database
        if database is None:
            self.summary.setText(escape(_("Opening the database…")))
            return
        from rcm_desktop.data.services.meetings import list_meetings
        from rcm_desktop.data.services.settings import profile_country

        country = profile_country(database)
        meetings = list_meetings(database)
        today = dt.date.today()
        upcoming = [m for m in meetings if m.first_date >= today]
        recent = [m for m in meetings if m.first_date < today][:3]
        parts = []
        if country:
            parts.append(
                "<p style='font-size:13pt'>"
                + escape(_("Delegation of %(country)s") % {"country": country_name(country)})
                + "</p>"
            )
        parts.append(
            "<p>"
            + escape(
                ngettext("%(n)d meeting recorded.", "%(n)d meetings recorded.", len(meetings))
                % {"n": len(meetings)}
            )
            + "</p>"
        )
        parts.extend(self._deadlines_html(database, country))
        parts.append(tag("h3", _("Coming up")))
        if upcoming:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{escape(format_date(m.first_date))}: {escape(m.title)}</li>"
                    for m in sorted(upcoming, key=lambda m: m.first_date)[:5]
                )
                + "</ul>"
            )
        else:
            parts.append(
                tag("p", _("No meetings ahead. Record a meeting when its concept note arrives."))
            )
        if recent:
            parts.append(tag("h3", _("Most recent")) + "<ul>")
            parts.extend(
                f"<li>{escape(format_date(m.first_date))}: {escape(m.title)} "
                f"<span style='color:#4a5563'>({escape(label(m.status))})</span></li>"
                for m in recent
            )
            parts.append("</ul>")
        parts.append(
            "<p style='color:#4a5563'>"
            + escape(
                _(
                    "Documents awaiting your country's approval and meetings with empty seats "
                    "will also be listed here once you record them."
                )
            )
            + "</p>"
        )
        self.summary.setText("".join(parts))
