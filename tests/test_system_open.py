"""A file no program opens is answered with where it is, not with silence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from rcm_desktop.ui.system_open import open_with_system


def test_no_program_for_the_file_says_where_it_is(
    qtbot, answer_dialog, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "Estrategia regional (borrador).pdf"
    document.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    shown: list[str] = []

    def read(box: QMessageBox) -> None:
        shown.append(box.text())
        box.accept()

    answer_dialog(read)
    assert open_with_system(None, document) is False
    assert shown and "Estrategia regional (borrador).pdf" in shown[0] and str(tmp_path) in shown[0]


def test_a_file_a_program_opens_is_just_opened(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    assert open_with_system(None, tmp_path) is True
    assert opened == [str(tmp_path)]
