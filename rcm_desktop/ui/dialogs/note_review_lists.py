"""The review's tabs that hold lists: Participants (the limit per country, with its explicit
"No limit stated", whether observers and civil society are invited, and the seats), Questions,
and Deadlines and documents (a due date counted in days shown as counted). Each row is edited
in place and remembers the note's row it came from (its source)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import DeadlineKind, DeadlineRule, DocumentPurpose, label
from rcm_desktop.domain.workdays import (
    SUPPORTED_CALENDARS,
    Calendar,
    WorkdayResult,
    add_working_days,
)
from rcm_desktop.errors import ValidationError
from rcm_desktop.exchange.notes.draft import (
    DraftDeadline,
    DraftDocument,
    DraftQuestion,
    DraftSeat,
    NoteDraft,
)
from rcm_desktop.i18n import N_, _, country_name, format_date, ngettext
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.dialogs.meeting_editor import _tristate
from rcm_desktop.ui.dialogs.note_review_marks import ReviewPanel
from rcm_desktop.ui.dialogs.note_review_table import (
    CHECK,
    CHOICE,
    DATE,
    NUMBER,
    DraftTable,
    TableColumn,
)

NONE_SHOWN = "—"


@lru_cache(maxsize=64)
def _working_days(after: dt.date, days: int, country: str) -> WorkdayResult:
    return add_working_days(after, days, Calendar(country))


def due_preview(
    rule: str | None, days: int | None, after: dt.date | None, calendar: str | None
) -> tuple[str, str] | None:
    """What a deadline counted in days falls due on: (the day, how it is counted), on the
    country's public holidays (closures the user adds count once it is saved); its rule in
    words while no calendar is chosen; None for a fixed date, or while the count lacks its
    number of days or the date it counts from. The first count on a calendar reads that
    calendar's holidays (a tenth of a second): the import makes it for the note's deadlines
    while it reads the note, off the UI thread, and the table's counts come from the cache."""
    if (
        not days
        or after is None
        or rule not in (DeadlineRule.WORKING_DAYS, DeadlineRule.CALENDAR_DAYS)
    ):
        return None
    if rule == DeadlineRule.CALENDAR_DAYS:
        due = after + dt.timedelta(days=days)
        told = _("%(n)d calendar days after %(anchor)s: %(due)s") % {
            "n": days, "anchor": format_date(after, "full"), "due": format_date(due, "full"),
        }  # fmt: skip
        return format_date(due), told
    if calendar not in SUPPORTED_CALENDARS:
        rule_text = ngettext(
            "%(n)d working day after %(date)s", "%(n)d working days after %(date)s", days
        ) % {"n": days, "date": format_date(after)}
        return rule_text, rule_text
    try:
        counted = _working_days(after, days, calendar)
    except ValidationError as error:  # more than a year, or past the calendar's data
        return "⚠", error.message
    return format_date(counted.due), counted.explain()


def remap(
    draft: NoteDraft, original: NoteDraft, prefix: str, origins: Sequence[int | None]
) -> None:
    """Carry the sources of *original*'s rows under *prefix* to the rows of *draft* they became
    (a row removed or added leaves the others their own places in the note)."""
    for new, old in enumerate(origins):
        if old is None:
            continue
        head = f"{prefix}.{old}"
        for path, sources in original.sources.items():
            if path == head or path.startswith(head + "."):
                draft.sources[f"{prefix}.{new}{path[len(head) :]}"] = list(sources)


class _ListPanel(ReviewPanel):
    """A tab of one or more tables, each with its "Not found in the note" mark."""

    def __init__(self, draft: NoteDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = draft
        self.layout_ = QVBoxLayout(self)

    def table(
        self,
        prefix: str,
        columns: Sequence[TableColumn],
        title: str,
        add_caption: str,
        rows: list[dict[str, Any]],
        *,
        stretch: int,
        share: float = 0.5,
        parent: QWidget | None = None,
    ) -> DraftTable:
        """A table of the draft's list *prefix*, with its caption and mark above it."""
        holder = parent or self
        box = QWidget(holder)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        table = DraftTable(columns, prefix, title, add_caption, box, stretch=stretch, share=share)
        caption = QLabel(title, box)
        caption.setStyleSheet("font-weight: bold;")
        caption.setBuddy(table.view)
        heading = QHBoxLayout()
        heading.addWidget(caption)
        heading.addWidget(self.mark(box, prefix, bool(rows)), 1)
        column.addLayout(heading)
        column.addWidget(self.message(box, prefix))
        column.addWidget(table, 1)
        table.set_rows(rows)
        table.row_picked.connect(
            lambda origin: (
                self.source_wanted.emit(f"{prefix}.{origin}") if origin is not None else None
            )
        )
        table.edited.connect(lambda: self.user_edited(prefix))
        self.fields[prefix] = table.view
        if parent is None:
            self.layout_.addWidget(box, 1)
        return table


class ParticipantsPanel(_ListPanel):
    """How many participants a country may send, and the seats with the profile each needs."""

    def __init__(
        self, context: AppContext, draft: NoteDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, parent)
        self.setObjectName("reviewParticipants")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: fields below
        self.limit = QSpinBox(self)
        self.limit.setObjectName("reviewLimit")
        self.limit.setRange(0, 999)
        self.limit.setSpecialValueText(_("No limit stated"))
        self.limit.setMinimumWidth(
            self.limit.fontMetrics().horizontalAdvance(_("No limit stated")) + 60
        )
        self.limit.setValue(draft.limit_per_country or 0)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit)
        limit_row.addStretch(1)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addLayout(limit_row)
        found = draft.limit_per_country is not None
        cell.addWidget(self.mark(self, "limit_per_country", found))  # under the box, on one line
        cell.addWidget(self.message(self, "limit_per_country"))
        for conflict in draft.conflicts:
            if conflict.field == "limit_per_country":
                cell.addWidget(self.conflict(conflict, self, lambda n: self.limit.setValue(n or 0)))
        caption = QLabel(_("Participants per country, at most:"), self)
        caption.setBuddy(self.limit)
        form.addRow(caption, cell)
        self.observers, self.civil_society = self._invitations(form, draft)
        self.layout_.addLayout(form)
        self.link("limit_per_country", self.limit)
        self.limit.valueChanged.connect(lambda _value: self.user_edited("limit_per_country"))
        forums = (
            [(forum.code, forum.code) for forum in context.reference.forums]
            if context.reference
            else []
        )
        columns = (
            TableColumn("profile", N_("Profile the seat requires")),
            TableColumn("beyond_limit", N_("Beyond the limit"), CHECK),
            TableColumn(
                "forum", N_("Only for members of"), CHOICE, lambda: [(None, NONE_SHOWN), *forums]
            ),
        )
        rows = [vars(seat) for seat in draft.seats]
        self.seats = self.table("seats", columns, _("Seats"), _("Add a &seat"), rows, stretch=0)

    def _invitations(self, form: QFormLayout, draft: NoteDraft) -> tuple[QComboBox, QComboBox]:
        """Whether observer organisations and civil society are invited, as the meeting editor
        asks it (not stated, yes, no), each marked when the note does not say."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(2, 1)
        boxes = []
        rows = (
            ("observers_invited", _("Observer organisations:"), _("Observer organisations invited")),
            ("civil_society_invited", _("Civil society:"), _("Civil society invited")),
        )  # fmt: skip
        for index, (path, caption, name) in enumerate(rows):
            box = _tristate(self)
            box.setObjectName(f"review_{path}")
            box.setAccessibleName(name)
            value = getattr(draft, path)
            box.setCurrentIndex(max(box.findData(value), 0))
            box.currentIndexChanged.connect(lambda _i, path=path: self.user_edited(path))
            label = QLabel(caption, self)
            label.setBuddy(box)
            grid.addWidget(label, 2 * index, 0)
            grid.addWidget(box, 2 * index, 1)
            mark = self.mark(self, path, value is not None)
            mark.setWordWrap(False)  # on one line: the row goes under its caption when narrow
            grid.addWidget(mark, 2 * index + 1, 1, 1, 2)
            self.link(path, box)
            boxes.append(box)
        form.addRow(_("Invited:"), grid)
        return boxes[0], boxes[1]

    def fill(self, draft: NoteDraft) -> None:
        draft.limit_per_country = self.limit.value() or None
        draft.observers_invited = self.observers.currentData()
        draft.civil_society_invited = self.civil_society.currentData()
        kept = [(o, row) for o, row in self.seats.values() if row["profile"]]
        draft.seats = [
            DraftSeat(row["profile"], row["beyond_limit"], row["forum"]) for _o, row in kept
        ]
        remap(draft, self.original, "seats", [origin for origin, _row in kept])


class QuestionsPanel(_ListPanel):
    """The guiding questions: number, the session that asks them, phase, text and context."""

    def __init__(
        self,
        draft: NoteDraft,
        sessions: Callable[[], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft, parent)
        self.setObjectName("reviewQuestions")

        def session_choices() -> list[tuple[Any, str]]:
            return [(None, _("The whole meeting"))] + [
                (number, title) for number, title in enumerate(sessions(), 1)
            ]

        columns = (
            TableColumn("number", N_("No."), NUMBER, width=48),
            TableColumn("session", N_("Asked in"), CHOICE, session_choices, width=150, wrap=False),
            TableColumn("phase", N_("Phase"), width=150),
            TableColumn("text", N_("Question")),
            TableColumn("context", N_("Context"), width=160),
        )
        rows = [vars(question) for question in draft.guiding_questions]
        self.questions = self.table(
            "guiding_questions",
            columns,
            _("Guiding questions"),
            _("Add a &question"),
            rows,
            stretch=3,
        )

    def fill(self, draft: NoteDraft) -> None:
        kept = [(o, row) for o, row in self.questions.values() if row["text"]]
        draft.guiding_questions = [
            DraftQuestion(
                number=row["number"] or position,
                text=row["text"],
                session=row["session"],
                phase=row["phase"] or None,
                context=row["context"],
            )
            for position, (_o, row) in enumerate(kept, 1)
        ]
        remap(draft, self.original, "guiding_questions", [origin for origin, _row in kept])


def _row_due(row: dict[str, Any]) -> tuple[str, str] | None:
    return due_preview(row["rule"], row["days"], row["after"], row["calendar"])


class DeadlinesPanel(_ListPanel):
    """The deadlines the note sets, and the documents it circulates."""

    def __init__(self, draft: NoteDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, parent)
        self.setObjectName("reviewDeadlines")
        calendars = sorted(
            ((code, country_name(code)) for code in SUPPORTED_CALENDARS), key=lambda p: p[1]
        )
        columns = (
            TableColumn("purpose", N_("For"), CHOICE, lambda: [(k.value, label(k)) for k in DeadlineKind], width=90),
            TableColumn("rule", N_("Rule"), CHOICE, lambda: [(r.value, label(r)) for r in DeadlineRule], width=130),
            TableColumn("due", N_("Due"), DATE, width=95, preview=_row_due),
            TableColumn("days", N_("Days"), NUMBER),
            TableColumn("after", N_("After"), DATE, width=95),
            TableColumn("calendar", N_("Calendar of"), CHOICE, lambda: [(None, NONE_SHOWN), *calendars], width=95),
            TableColumn("documents", N_("Documents")),
        )  # fmt: skip
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        rows = [
            {**vars(deadline), "documents": "; ".join(deadline.documents)}
            for deadline in draft.deadlines
        ]
        self.deadlines = self.table(
            "deadlines", columns, _("Deadlines"), _("Add a &deadline"), rows, stretch=6,
            share=0.2, parent=splitter,
        )  # fmt: skip
        self.documents = self.table(
            "documents",
            (
                TableColumn("title", N_("Title")),
                TableColumn(
                    "purpose",
                    N_("Sent"),
                    CHOICE,
                    lambda: [(p.value, label(p)) for p in DocumentPurpose],
                    width=140,
                ),
            ),
            _("Documents"),
            _("Add a d&ocument"),
            [vars(document) for document in draft.documents],
            stretch=0,
            parent=splitter,
        )
        self.layout_.addWidget(splitter, 1)

    def fill(self, draft: NoteDraft) -> None:
        deadlines = [(o, row) for o, row in self.deadlines.values() if row["purpose"]]
        draft.deadlines = [
            DraftDeadline(
                purpose=row["purpose"],
                rule=row["rule"] or DeadlineRule.FIXED.value,
                due=row["due"],
                days=row["days"],
                after=row["after"],
                calendar=row["calendar"],
                documents=[part.strip() for part in row["documents"].split(";") if part.strip()],
            )
            for _o, row in deadlines
        ]
        remap(draft, self.original, "deadlines", [origin for origin, _row in deadlines])
        documents = [(o, row) for o, row in self.documents.values() if row["title"]]
        draft.documents = [
            DraftDocument(row["title"], row["purpose"] or DocumentPurpose.INFORMATION.value)
            for _o, row in documents
        ]
        remap(draft, self.original, "documents", [origin for origin, _row in documents])
