"""The review's tabs that hold lists: Participants (the limit per country, with its explicit
"No limit stated", and the seats), Questions, and Deadlines and documents. Each row is edited
in place and remembers the note's row it came from (its source)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.domain.vocabulary import DeadlineKind, DeadlineRule, DocumentPurpose, label
from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
from rcm_desktop.exchange.notes.draft import (
    DraftDeadline,
    DraftDocument,
    DraftQuestion,
    DraftSeat,
    NoteDraft,
)
from rcm_desktop.i18n import N_, _, country_name
from rcm_desktop.ui.context import AppContext
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
        parent: QWidget | None = None,
    ) -> DraftTable:
        """A table of the draft's list *prefix*, with its caption and mark above it."""
        holder = parent or self
        box = QWidget(holder)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        table = DraftTable(columns, prefix, title, add_caption, box, stretch=stretch)
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
        found = draft.limit_per_country is not None
        limit_row.addWidget(self.mark(self, "limit_per_country", found))
        limit_row.addStretch(1)
        cell = QVBoxLayout()
        cell.addLayout(limit_row)
        cell.addWidget(self.message(self, "limit_per_country"))
        for conflict in draft.conflicts:
            if conflict.field == "limit_per_country":
                cell.addWidget(self.conflict(conflict, self, lambda n: self.limit.setValue(n or 0)))
        caption = QLabel(_("Participants per country, at most:"), self)
        caption.setBuddy(self.limit)
        form.addRow(caption, cell)
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

    def fill(self, draft: NoteDraft) -> None:
        draft.limit_per_country = self.limit.value() or None
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
            TableColumn("session", N_("Asked in"), CHOICE, session_choices, width=150),
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
            TableColumn("due", N_("Due"), DATE, width=95),
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
            parent=splitter,
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
