"""Who is at this computer: the name written beside every record a user saves.

A shared database records who changed a record last, so that a conflict can say
"Ana Peña (ana@LAPTOP-3) changed this nomination at 10:42". The name is the
user's own ("user_name" in Settings) when set, else the operating-system login;
the login and the machine's name follow in brackets.
"""

from __future__ import annotations

import getpass
import socket

#: The preference holding the name the user chose in Settings.
USER_NAME_KEY = "user_name"
#: Longest identity stored (the `updated_by` columns hold 200 characters).
MAX_LENGTH = 200


def login_name() -> str:
    """The operating-system login, or "?" when the system does not say."""
    try:
        return getpass.getuser() or "?"
    except (OSError, KeyError, ImportError):
        return "?"


def machine_name() -> str:
    """This computer's short host name, or "?"."""
    try:
        return socket.gethostname().split(".")[0] or "?"
    except OSError:
        return "?"


def describe(user_name: str | None = None) -> str:
    """ "Ana Peña (ana@LAPTOP-3)" with a chosen name, else "ana@LAPTOP-3"."""
    where = f"{login_name()}@{machine_name()}"
    name = " ".join((user_name or "").split())
    text = f"{name} ({where})" if name else where
    return text[:MAX_LENGTH]
