"""The dashboard: what the focal point should know when the app opens."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.rich_text import tag


class DashboardPage(Page):
    """Country; deadlines overdue, due soon, then later; documents awaiting approval; meetings
    with empty seats; meetings coming up and the latest ones. Colour is never the only signal:
    each line says its state in words, with a sign."""

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

        from rcm_desktop.data.services.deadline_lists import (
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

        upcoming = list_deadlines(database, own_country=country, upcoming_only=True, limit=15)
        soon = [row for row in upcoming if row.urgency == "soon"]
        later = [row for row in upcoming if row.urgency == "later"]
        items = [
            item("✖ " + _("Overdue"), "#b42318", due, title)
            for _id, title, due in recent_overdue(database)
        ]
        items += [item("⚠ " + _("Due soon"), "#8a5a00", row.due, row.title) for row in soon[:10]]
        items += [item("• " + _("Later"), "#4a5563", row.due, row.title) for row in later[:3]]
        parts.append("<ul>" + "".join(items) + "</ul>")
        return parts

    def _documents_html(self, database, country: str | None) -> list[str]:  # type: ignore[no-untyped-def]
        """Documents the country has yet to approve: stage in words, related due date."""
        from html import escape

        from rcm_desktop.data.services.document_lists import awaiting_approval, awaiting_count

        parts = [tag("h3", _("Documents awaiting approval"))]
        total = awaiting_count(database, country)
        rows = awaiting_approval(database, country, limit=8) if total and country else []
        if not rows:
            parts.append(tag("p", _("No document awaits your country's approval.")))
            return parts
        parts.append(
            tag(
                "p",
                ngettext(
                    "%(n)d document awaits your country's approval.",
                    "%(n)d documents await your country's approval.",
                    total,
                )
                % {"n": total},
            )
        )
        today = dt.date.today()
        items = []
        for row in rows:
            title = f"{row.title} ({row.version})" if row.version else row.title
            line = "☐ " + escape(title) + " — " + escape(label(row.stage))
            if row.due is not None:
                late = row.due < today
                words = _("overdue since %(date)s") if late else _("due %(date)s")
                colour = "#b42318" if late else "#4a5563"
                line += (
                    f" · <span style='color:{colour}'>"
                    + escape(words % {"date": format_date(row.due)})
                    + "</span>"
                )
            items.append(f"<li>{line}</li>")
        if total > len(rows):
            items.append(
                "<li>"
                + escape(_("…and %(n)d more on the Documents tab.") % {"n": total - len(rows)})
                + "</li>"
            )
        parts.append("<ul>" + "".join(items) + "</ul>")
        return parts

    def _empty_seats_html(self, database, country: str | None) -> list[str]:  # type: ignore[no-untyped-def]
        """Meetings in the next 30 days where the delegation still has seats to fill."""
        from html import escape

        from rcm_desktop.data.services.seats import meetings_with_empty_seats

        parts = [tag("h3", _("Meetings in the next 30 days with empty seats"))]
        rows = (
            meetings_with_empty_seats(database, country, dt.date.today(), days=30)
            if country
            else []
        )
        if not rows:
            parts.append(tag("p", _("No meeting in the next 30 days has an empty seat.")))
            return parts
        items = [
            "<li>⚠ "
            + escape(format_date(row.first_date))
            + ": "
            + escape(row.title)
            + " — "
            + escape(
                _("%(filled)d of %(seats)d seats filled")
                % {"filled": row.filled, "seats": row.seats}
            )
            + "</li>"
            for row in rows
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
        parts.extend(self._documents_html(database, country))
        parts.extend(self._empty_seats_html(database, country))
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
        self.summary.setText("".join(parts))
