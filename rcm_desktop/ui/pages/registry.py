"""The pages of the main window, in navigation order; each is built the first time it is shown."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle

from rcm_desktop.i18n import N_
from rcm_desktop.ui.context import AppContext
from rcm_desktop.ui.pages.base import Page

Pixmap = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # marked with N_; the page's heading uses the same message
    icon: QStyle.StandardPixmap
    module: str  # imported when the page is first built (or warmed up, see ui/warm_up.py)
    class_name: str

    def create(self, context: AppContext) -> Page:
        """The page, built (its module imported on first use)."""
        page_class = getattr(importlib.import_module(self.module), self.class_name)
        return page_class(context)  # type: ignore[no-any-return]


_PAGES = "rcm_desktop.ui.pages."

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "dashboard", N_("Dashboard"), Pixmap.SP_DesktopIcon, _PAGES + "dashboard", "DashboardPage"
    ),
    PageSpec(
        "meetings",
        N_("Meetings"),
        Pixmap.SP_FileDialogDetailedView,
        _PAGES + "meetings",
        "MeetingsPage",
    ),
    PageSpec(
        "delegations",
        N_("Delegations"),
        Pixmap.SP_DirHomeIcon,
        _PAGES + "delegations",
        "DelegationsPage",
    ),
    PageSpec(
        "documents",
        N_("Documents & deadlines"),
        Pixmap.SP_FileDialogContentsView,
        _PAGES + "documents_and_deadlines",
        "DocumentsAndDeadlinesPage",
    ),
    PageSpec(
        "directory", N_("Directory"), Pixmap.SP_DriveNetIcon, _PAGES + "directory", "DirectoryPage"
    ),
    PageSpec(
        "settings",
        N_("Settings"),
        Pixmap.SP_FileDialogInfoView,
        _PAGES + "settings",
        "SettingsPage",
    ),
)
