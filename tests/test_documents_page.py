"""The Documents tab and the dashboard, driven as a user would, over the demo profile."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from rcm_desktop.data.services.document_files import list_document_files
from rcm_desktop.data.services.document_reviews import get_review, list_comments
from rcm_desktop.data.services.documents import list_documents
from rcm_desktop.domain.vocabulary import ReviewStage
from rcm_desktop.paths import Profile


def _documents(open_window, profile: Profile):  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(3)
    container = window.current_page()
    container.tabs.setCurrentIndex(1)
    return window, container.documents


def _select(page, title_start: str) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i, row in enumerate(page.model.rows) if row.title.startswith(title_start))
    page.table.selectRow(row)


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.save_button().click()


def test_walk_a_document_through_the_workflow(
    qtbot, open_window, answer_dialog, type_text, type_date, profile: Profile, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window, page = _documents(open_window, profile)
    database = window.context.database
    assert page.model.rowCount() == 4
    assert page.model.index(0, 0).data() == "Received"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    _select(page, "Compilation")
    assert page.detail.stage_label.text() == "Received"
    assert "Received: Monday, September 20, 2021" in page.detail.steps.text()
    assert page.model.index(page.table.currentIndex().row(), 5).data() == "Oct 4, 2021"

    def refuse_then_accept(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.stage.currentText() == "In internal review"
        type_date(dialog.day, "Sep 1, 2021")
        _save(dialog)
        assert "before the previous step, receipt" in dialog.shown_problems() and dialog.isVisible()
        type_date(dialog.day, "2021-09-21")
        _save(dialog)

    answer_dialog(refuse_then_accept)
    qtbot.mouseClick(page.detail.next_step_button, Qt.MouseButton.LeftButton)
    assert page.detail.stage_label.text() == "In internal review"
    assert window.navigation.item(3).text() == "Documents & deadlines (4)"

    def consult(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.institution, "Secretaría de Seguridad")
        type_date(dialog.due, "9/28/2021")
        _save(dialog)

    answer_dialog(consult)
    qtbot.mouseClick(page.detail.add_consultation_button, Qt.MouseButton.LeftButton)
    assert page.detail.consultations.index(0, 0).data() == "Secretaría de Seguridad"
    assert page.detail.consultations.index(0, 2).data() == "Not yet"

    def comment(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.section, "Sesión 2, párrafo 3")
        type_text(dialog.comment, "Añadir la detección temprana en los pasos fronterizos.")
        type_text(dialog.wording, "…y la detección temprana de víctimas de trata.")
        _save(dialog)

    answer_dialog(comment)
    qtbot.mouseClick(page.detail.comments_box.add_comment_button, Qt.MouseButton.LeftButton)
    assert page.detail.comments_box.comments.index(0, 1).data() == "Sesión 2, párrafo 3"
    document_id = page.current().id
    assert list_comments(database, document_id, "HN")[0].comment.startswith("Añadir")

    source = tmp_path / "compilación.pdf"
    source.write_bytes(b"%PDF-1.4 compilation")
    page.detail.add_version(str(source), "consolidated")
    assert page.detail.versions.count() == 1 and "consolidated — compilación.pdf" in (
        page.detail.versions.item(0).text()
    )
    assert list_document_files(database, window.context.profile, document_id)[0].version == (
        "consolidated"
    )
    page.detail.comments_box.export_comments("csv", str(tmp_path / "matrix.csv"))
    with (tmp_path / "matrix.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][1:] == [
        "Sesión 2, párrafo 3",
        "Añadir la detección temprana en los pasos fronterizos.",
        "…y la detección temprana de víctimas de trata.",
        "Honduras",
    ]
    assert "Comments matrix written to" in page.status.text()

    for stage, day in (
        ("Comments sent", "29 September 2021"),
        ("Approval submitted", "Oct 20 2021"),
        ("Approved", "2021-11-03"),
    ):

        def step(dialog, stage=stage, day=day) -> None:  # type: ignore[no-untyped-def]
            dialog.stage.setCurrentIndex(dialog.stage.findText(stage))
            type_date(dialog.day, day)
            _save(dialog)

        answer_dialog(step)
        qtbot.mouseClick(page.detail.next_step_button, Qt.MouseButton.LeftButton)
        assert page.detail.stage_label.text() == stage
    assert not page.detail.next_step_button.isEnabled()
    review = get_review(database, document_id, "HN")
    assert review is not None and review.decided_on == dt.date(2021, 11, 3)
    assert window.navigation.item(3).text() == "Documents & deadlines (3)"


def test_the_edit_dialog_places_every_field_it_shows(
    qtbot, open_window, answer_dialog, type_date, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    """Editing asks no receipt day (the review has its own): no stray field over the title."""
    from PySide6.QtWidgets import QLayout, QWidget

    _window, page = _documents(open_window, profile)
    page.table.selectRow(0)
    seen: dict[str, object] = {}

    def in_layout(layout: QLayout, widget: QWidget) -> bool:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.widget() is widget or (
                item.layout() is not None and in_layout(item.layout(), widget)
            ):
                return True
        return False

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["received"] = dialog.received
        seen["stray"] = [
            type(child).__name__
            for child in dialog.findChildren(QWidget)
            if child.parentWidget() is dialog
            and child.isVisible()
            and not in_layout(dialog.layout(), child)
        ]
        dialog.reject()

    answer_dialog(look)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen == {"received": None, "stray": []}


def test_add_a_document_search_and_correct_its_receipt(
    qtbot, open_window, answer_dialog, type_text, type_date, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window, page = _documents(open_window, profile)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        _save(dialog)
        assert "needs a title" in dialog.shown_problems()
        type_text(dialog.title, "Protocolo de atención a niñez migrante no acompañada")
        dialog.kind.setCurrentIndex(dialog.kind.findText("Protocol"))
        dialog.version.setText("borrador")
        type_date(dialog.received, "4 Oct 2021")
        _save(dialog)

    answer_dialog(fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert (
        page.current().title.startswith("Protocolo")
        and page.detail.stage_label.text() == "Received"
    )
    type_text(page.search, "NINEZ")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.status.text() == "1 document shown."

    def move_receipt(dialog) -> None:  # type: ignore[no-untyped-def]
        type_date(dialog.day, "October 5, 2021")
        _save(dialog)

    answer_dialog(move_receipt)
    qtbot.mouseClick(page.detail.receipt_button, Qt.MouseButton.LeftButton)
    rows = list_documents(window.context.database, "HN", search="protocolo")
    review = get_review(window.context.database, rows[0].id, "HN")
    assert review is not None and review.received_on == dt.date(2021, 10, 5)
    assert review.stage == ReviewStage.RECEIVED


def test_dashboard_lists_documents_awaiting_approval_and_empty_seats(
    open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    from html import unescape

    from rcm_desktop.data.models import Meeting
    from rcm_desktop.domain.vocabulary import MeetingKind, Modality

    window = open_window(profile)
    window.open_store()
    soon = dt.date.today() + dt.timedelta(days=12)
    with window.context.database.session() as session:
        session.add(
            Meeting(
                title="Third Follow-up Meeting on Irregular and Mass Migration",
                kind=MeetingKind.FOLLOW_UP, modality=Modality.VIRTUAL, start_date=soon,
                max_participants_per_country=4,
            )
        )  # fmt: skip
    window.context.events.announce("meetings")
    window.show_page(0)
    text = unescape(window.current_page().summary.text())
    deadlines = text.index("Deadlines")
    comments = text.index("Comments due")
    approvals = text.index("Approvals pending")
    seats = text.index("Meetings in the next 30 days with empty seats")
    assert deadlines < comments < approvals < seats
    assert "1 document awaits your country's comments (1 overdue)." in text
    assert "1 document awaits your country's approval." in text
    compilation = text.index("Compilation of best practices")
    assert comments < compilation < approvals and "overdue since Oct 4, 2021" in text
    directory = text.index(
        "Directory of institutions responding to people with international protection needs"
    )
    assert approvals < directory < seats
    assert "Regional Strategy" not in text[comments:seats], "its comments were sent"
    assert "Joint report" not in text, "approved documents are not awaiting"
    assert "Third Follow-up Meeting on Irregular and Mass Migration — 0 of 4 seats filled" in text
    overdue = text.index("Overdue")
    assert "✖" in text[overdue - 40 : overdue], "an overdue line carries a sign, not only red"
