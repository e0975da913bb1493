"""Code the user will soon need, read while the window is idle after start-up.

Pages and editors are imported when first used, which keeps start-up short; but the first
visit to a page would then pay for reading its code (tens of milliseconds on a slow disk). So
once start-up has settled, their modules are imported one per turn of the event loop, a few
milliseconds each, between whatever the user does.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer

from rcm_desktop.ui.pages.registry import PAGES

#: The editors opened most, besides the pages of the registry.
EDITORS = (
    "rcm_desktop.ui.dialogs.meeting_editor",
    "rcm_desktop.ui.dialogs.nomination_dialog",
    "rcm_desktop.ui.dialogs.person_editor",
    "rcm_desktop.ui.dialogs.deadline_editor",
    "rcm_desktop.ui.dialogs.document_editor",
)

#: How long after start-up the first module is read (the first page's rows come first).
DELAY_MS = 400


def modules_to_warm() -> list[str]:
    """The pages' modules, in navigation order, then the editors'."""
    return [spec.module for spec in PAGES] + list(EDITORS)


class WarmUp(QObject):
    """Imports *modules* one per event-loop turn, starting DELAY_MS after `start()`."""

    def __init__(self, modules: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending = list(modules)

    def start(self) -> None:
        QTimer.singleShot(DELAY_MS, self, self._next)

    def _next(self) -> None:
        while self.pending:
            name = self.pending.pop(0)
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception:
                logging.getLogger(__name__).exception("could not read %s ahead of use", name)
            QTimer.singleShot(0, self, self._next)
            return
