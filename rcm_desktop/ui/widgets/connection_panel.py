"""Settings › Shared database: this computer's file or a PostgreSQL server, tested off the UI thread.

The password is never stored: the preferences keep the server's URL without it,
and RCM Desk asks for it at start (see `rcm_desktop.ui.shared_database`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcm_desktop.data.services.shared_database import (
    DEFAULT_PORT,
    PREFERENCE_KEY,
    ConnectionReport,
    ServerAddress,
    address_of,
    check_connection,
    describe_report,
    server_url,
    without_password,
)
from rcm_desktop.errors import RcmDeskError
from rcm_desktop.i18n import _
from rcm_desktop.ui.context import AppContext


class ConnectionPanel(QGroupBox):
    """Choose, test and use the database this profile works on."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.local = QRadioButton(self)
        self.local.setObjectName("useLocalFile")
        self.server = QRadioButton(self)
        self.server.setObjectName("useServer")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.local)
        self.choice.addButton(self.server)
        choice.addWidget(self.local)
        choice.addWidget(self.server)
        choice.addStretch(1)
        layout.addLayout(choice)

        grid = QGridLayout()
        self.host = QLineEdit(self)
        self.host.setObjectName("serverHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database_name = QLineEdit(self)
        self.database_name.setObjectName("serverDatabase")
        self.user = QLineEdit(self)
        self.user.setObjectName("serverUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels: dict[str, QLabel] = {}
        placed = (
            ("host", self.host, 0, 0),
            ("port", self.port, 0, 2),
            ("database", self.database_name, 1, 0),
            ("user", self.user, 1, 2),
            ("password", self.password, 2, 0),
        )
        for key, field, row, column in placed:
            label = QLabel(self)
            label.setBuddy(field)
            self.labels[key] = label
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)

        buttons = QHBoxLayout()
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("useDatabase")
        self.use_button.clicked.connect(self.use_database)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QLabel(self)
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.note)
        self.choice.buttonToggled.connect(lambda *_args: self._enable())
        self._result_text: Callable[[], str] = str
        self._load()
        self.retranslate()

    # -- state ----------------------------------------------------------------------------

    def _load(self) -> None:
        """Fill the form from the database in use, else the remembered choice."""
        url = self.context.database_url or self.context.preferences.get(PREFERENCE_KEY)
        address = address_of(url) if isinstance(url, str) else None
        if address is None:
            self.local.setChecked(True)
        else:
            self.server.setChecked(True)
            self.host.setText(address.host)
            self.port.setValue(address.port)
            self.database_name.setText(address.database)
            self.user.setText(address.user)
        self._enable()

    def _enable(self) -> None:
        on_server = self.server.isChecked()
        for field in (self.host, self.port, self.database_name, self.user, self.password):
            field.setEnabled(on_server)
        self.test_button.setEnabled(on_server)

    def address(self) -> ServerAddress:
        return ServerAddress(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database_name.text().strip(),
            user=self.user.text().strip(),
            password=self.password.text(),
        )

    def _show(self, text: Callable[[], str]) -> None:
        """Show a result that can be re-rendered in another language."""
        self._result_text = text
        self.result.setText(text())

    def retranslate(self) -> None:
        self.setTitle(_("Shared database"))
        self.local.setText(_("This &computer (the profile's own file)"))
        self.server.setText(_("A shared &PostgreSQL server"))
        texts = {
            "host": _("Ser&ver:"),
            "port": _("P&ort:"),
            "database": _("Data&base:"),
            "user": _("&User:"),
            "password": _("Pass&word:"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.host.setPlaceholderText(_("e.g. db.cancilleria.example"))
        self.password.setPlaceholderText(_("not saved; asked at each start"))
        self.test_button.setText(_("&Test connection"))
        self.use_button.setText(_("U&se this database"))
        self.result.setText(self._result_text())
        self.note.setText(self._note())

    def _note(self) -> str:
        lines = [
            _(
                "The password is never saved: RCM Desk asks for it when it starts (or uses your "
                "PostgreSQL password file, .pgpass). Attachment and document files are not in a "
                "shared database: they stay in the profile folder of whoever added them."
            )
        ]
        remembered = self.context.preferences.get(PREFERENCE_KEY)
        current = self.context.database_url
        if current and (not remembered or without_password(current) != remembered):
            lines.append(
                _(
                    "This run uses the database given with --database-url; the choice made "
                    "here applies when RCM Desk starts without it."
                )
            )
        return "\n".join(lines)

    # -- actions --------------------------------------------------------------------------

    def _server_url(self) -> str | None:
        address = self.address()
        if not address.database:
            self._show(lambda: _("Write the name of the database on the server."))
            self.database_name.setFocus()
            return None
        return server_url(address)

    def test_connection(self) -> None:
        """Connect in the background; say the server's version and what the database holds."""
        url = self._server_url()
        if url is None:
            return
        self._check(url, then=None)

    def _check(self, url: str, then: Callable[[str, ConnectionReport], None] | None) -> None:
        self.test_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self._show(lambda: _("Connecting…"))

        def succeeded(report: ConnectionReport) -> None:
            self._show(lambda: describe_report(report))
            if then is not None and report.state not in ("newer", "foreign"):
                then(url, report)

        def failed(error: RcmDeskError) -> None:
            self._show(lambda: error.message)

        def done() -> None:
            self._enable()
            self.use_button.setEnabled(True)

        self.context.tasks.run(
            lambda _report: check_connection(url),
            owner=self,
            on_success=succeeded,
            on_error=failed,
            on_done=done,
            what=_("The connection could not be tested."),
        )

    def use_database(self) -> None:
        """Remember the choice in the profile's preferences and reopen the store on it."""
        if self.local.isChecked():
            self._apply(None)
            return
        url = self._server_url()
        if url is not None:
            self._check(url, then=lambda chosen, _report: self._apply(chosen))

    def _apply(self, url: str | None) -> None:
        kept = self.context.preferences.remember(
            PREFERENCE_KEY, without_password(url) if url else None
        )
        before = self.context.database_url
        self.context.database_url = url
        reopen = getattr(self.window(), "open_store", None)
        if url == before:
            self._show(lambda: _("This database is already in use."))
            return
        if reopen is None:
            self._show(lambda: _("Saved. It applies the next time RCM Desk starts."))
            return
        self.context.tasks.wait()
        if self.context.database is not None:
            self.context.database.dispose()
            self.context.database = None
        reopen()
        if not kept:
            self._show(
                lambda: _(
                    "In use now, but the choice could not be written to the profile folder: "
                    "it applies until you quit."
                )
            )
        else:
            self._show(lambda: _("In use now. RCM Desk will open it at every start."))
        self.note.setText(self._note())
