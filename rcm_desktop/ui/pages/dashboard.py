"""The dashboard: what the focal point should know when the app opens."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page
from rcm_desktop.ui.rich_text import tag
from rcm_desktop.ui.style import ERROR_COLOUR, MUTED_COLOUR, WARNING_COLOUR

if TYPE_CHECKING:
    from rcm_desktop.data.services.dashboard import Dashboard
    from rcm_desktop.data.services.document_actions import ActionRow


def _item(marker: str, colour: str, due: dt.date, title: str) -> str:
    line = _("%(date)s: %(title)s") % {"date": format_date(due), "title": title}
    return (
        f"<li><span style='color:{colour}; font-weight:600'>{escape(marker)}</span> — "
        f"{escape(line)}</li>"
    )


class DashboardPage(Page):
    """Country; deadlines overdue, due soon, then later; documents awaiting comments, then
    approval; meetings with empty seats; meetings coming up and the latest ones. Colour is never
    the only signal: each line says its state in words, with a sign. The whole scrolls."""

    watches = frozenset({"meetings", "deadlines", "documents", "delegations", "settings"})

    #: The counts beside the navigation, read with the dashboard (Attention).
    attention_read = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data: Dashboard | None = None
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self.scroll)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(content)
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.summary.setMaximumWidth(760)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary.setAccessibleName(_("Dashboard"))
        column.addWidget(self.summary)
        column.addStretch(1)
        self.scroll.setWidget(content)
        self.layout_.addWidget(self.scroll, 1)
        self.retranslate()

    def title(self) -> str:
        return _("Dashboard")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self._show()

    def reload(self) -> None:
        from rcm_desktop.data.services.dashboard import dashboard

        database = self.context.database
        if database is None:
            return
        self.load(
            lambda: dashboard(database),
            self._loaded,
            what=_("The figures of the dashboard could not be read."),
        )

    def _loaded(self, data: Dashboard) -> None:
        self.data = data
        self._show()
        self.attention_read.emit(data.attention)

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        data = self.data
        if data is None:
            self.summary.setText(escape(_("Opening the database…")))
            return
        country = data.attention.country
        parts = []
        if country:
            parts.append(
                "<p style='font-size:13pt'>"
                + escape(_("Delegation of %(country)s") % {"country": country_name(country)})
                + "</p>"
            )
        count = data.attention.meetings
        parts.append(
            tag(
                "p",
                ngettext("%(n)d meeting recorded.", "%(n)d meetings recorded.", count)
                % {"n": count},
            )
        )
        parts += self._deadlines(data)
        parts += self._documents(data)
        parts += self._empty_seats(data)
        parts += self._meetings(data)
        self.summary.setText("".join(parts))

    def _deadlines(self, data: Dashboard) -> list[str]:
        """Counts, then the deadlines due within 3 working days and the latest missed."""
        counts = data.attention
        parts = [tag("h3", _("Deadlines"))]
        if not counts.pressing:
            parts.append(tag("p", _("Nothing overdue and nothing due in the next 3 working days.")))
            return parts
        parts.append(
            tag(
                "p",
                ngettext(
                    "%(n)d deadline overdue, %(soon)d due within 3 working days.",
                    "%(n)d deadlines overdue, %(soon)d due within 3 working days.",
                    counts.overdue,
                )
                % {"n": counts.overdue, "soon": counts.soon},
            )
        )
        items = [
            _item("✖ " + _("Overdue"), ERROR_COLOUR, due, title) for _id, title, due in data.overdue
        ]
        items += [
            _item("⚠ " + _("Due soon"), WARNING_COLOUR, row.due, row.title)  # type: ignore[arg-type]
            for row in data.soon
        ]
        items += [
            _item(_("Later"), MUTED_COLOUR, row.due, row.title)  # type: ignore[arg-type]
            for row in data.later
        ]
        parts.append("<ul>" + "".join(items) + "</ul>")
        return parts

    def _documents(self, data: Dashboard) -> list[str]:
        """Documents awaiting the country's comments, then its approval: stage, due date."""
        counts = data.attention.documents
        comments = ngettext(
            "%(n)d document awaits your country's comments (%(late)d overdue).",
            "%(n)d documents await your country's comments (%(late)d overdue).",
            counts.comments_due,
        ) % {"n": counts.comments_due, "late": counts.comments_overdue}
        approvals = ngettext(
            "%(n)d document awaits your country's approval.",
            "%(n)d documents await your country's approval.",
            counts.approvals_pending,
        ) % {"n": counts.approvals_pending}
        return [
            *self._document_section(
                _("Comments due"), _("No document awaits your country's comments."),
                comments, data.comments, counts.comments_due,
            ),
            *self._document_section(
                _("Approvals pending"), _("No document awaits your country's approval."),
                approvals, data.approvals, counts.approvals_pending,
            ),
        ]  # fmt: skip

    def _document_section(
        self, title: str, none: str, summary: str, rows: tuple[ActionRow, ...], total: int
    ) -> list[str]:
        if not rows:
            return [tag("h3", title), tag("p", none)]
        return [tag("h3", title), tag("p", summary), self._document_list(rows, total)]

    @staticmethod
    def _document_list(rows: tuple[ActionRow, ...], total: int) -> str:
        today = dt.date.today()
        items = []
        for row in rows:
            title = (
                _("%(title)s (%(version)s)") % {"title": row.title, "version": row.version}
                if row.version
                else row.title
            )
            line = _("%(document)s — %(stage)s") % {"document": title, "stage": label(row.stage)}
            html = escape(line)
            if row.due is not None:
                late = row.due < today
                words = _("overdue since %(date)s") if late else _("due %(date)s")
                colour = ERROR_COLOUR if late else MUTED_COLOUR
                sign = "✖ " if late else ""
                html += (
                    f" · <span style='color:{colour}'>"
                    + escape(sign + words % {"date": format_date(row.due)})
                    + "</span>"
                )
            items.append(f"<li>{html}</li>")
        if total > len(rows):
            more = total - len(rows)
            items.append(tag("li", _("…and %(n)d more on the Documents tab.") % {"n": more}))
        return "<ul>" + "".join(items) + "</ul>"

    def _empty_seats(self, data: Dashboard) -> list[str]:
        """Meetings in the next 30 days where the delegation still has seats to fill."""
        parts = [tag("h3", _("Meetings in the next 30 days with empty seats"))]
        if not data.empty_seats:
            parts.append(tag("p", _("No meeting in the next 30 days has an empty seat.")))
            return parts
        items = [
            "<li>⚠ "
            + escape(
                _("%(date)s: %(title)s — %(filled)d of %(seats)d seats filled")
                % {
                    "date": format_date(row.first_date),
                    "title": row.title,
                    "filled": row.filled,
                    "seats": row.seats,
                }
            )
            + "</li>"
            for row in data.empty_seats
        ]
        parts.append("<ul>" + "".join(items) + "</ul>")
        return parts

    def _meetings(self, data: Dashboard) -> list[str]:
        parts = [tag("h3", _("Coming up"))]
        if data.upcoming:
            parts.append(
                "<ul>"
                + "".join(
                    tag(
                        "li",
                        _("%(date)s: %(title)s")
                        % {"date": format_date(m.first_date), "title": m.title},
                    )
                    for m in data.upcoming
                )
                + "</ul>"
            )
        else:
            parts.append(
                tag("p", _("No meetings ahead. Record a meeting when its concept note arrives."))
            )
        if data.recent:
            parts.append(tag("h3", _("Most recent")))
            parts.append(
                "<ul>"
                + "".join(
                    "<li>"
                    + escape(
                        _("%(date)s: %(title)s")
                        % {"date": format_date(m.first_date), "title": m.title}
                    )
                    + f" <span style='color:{MUTED_COLOUR}'>({escape(label(m.status))})</span></li>"
                    for m in data.recent
                )
                + "</ul>"
            )
        return parts
