"""The pages of the main window, in navigation order; each is built the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable
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
    create: Callable[[AppContext], Page]


def _dashboard(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.dashboard import DashboardPage

    return DashboardPage(context)


def _meetings(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.meetings import MeetingsPage

    return MeetingsPage(context)


def _explained(key: str) -> Callable[[AppContext], Page]:
    def create(context: AppContext) -> Page:
        from rcm_desktop.ui.pages import explained

        title, explanation = getattr(explained, key)
        return explained.ExplainedPage(context, title, explanation)

    return create


def _deadlines(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.documents_and_deadlines import DocumentsAndDeadlinesPage

    return DocumentsAndDeadlinesPage(context)


def _delegations(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.delegations import DelegationsPage

    return DelegationsPage(context)


def _directory(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.directory import DirectoryPage

    return DirectoryPage(context)


def _settings(context: AppContext) -> Page:
    from rcm_desktop.ui.pages.settings import SettingsPage

    return SettingsPage(context)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), Pixmap.SP_DesktopIcon, _dashboard),
    PageSpec("meetings", N_("Meetings"), Pixmap.SP_FileDialogDetailedView, _meetings),
    PageSpec("delegations", N_("Delegations"), Pixmap.SP_DirHomeIcon, _delegations),
    PageSpec(
        "documents",
        N_("Documents & deadlines"),
        Pixmap.SP_FileDialogContentsView,
        _deadlines,
    ),
    PageSpec("directory", N_("Directory"), Pixmap.SP_DriveNetIcon, _directory),
    PageSpec("settings", N_("Settings"), Pixmap.SP_FileDialogInfoView, _settings),
)
