"""The demo profile: the seed concept notes entered faithfully, for one member country.

Opening a demo profile loads the demo into its store; once it is there (the fingerprint of the
files in `resources/demo` is kept in the settings), the loader is not even imported.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING

from rcm_desktop.paths import resources_dir

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from rcm_desktop.data.db import Database

#: The member country the demo profile is set up for.
DEMO_COUNTRY = "HN"
#: The setting that holds the fingerprint of the demo last loaded into the store.
DEMO_MARK_KEY = "demo.loaded"


@cache
def demo_fingerprint() -> str:
    """A SHA-256 of every file of the bundled demo, names and contents."""
    folder = resources_dir() / "demo"
    digest = hashlib.sha256()
    for path in sorted(item for item in folder.rglob("*") if item.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_demo(store: Database) -> int:
    """Add the demo meetings, documents and delegations the store lacks, in one transaction.

    Loading twice adds nothing twice. Returns how many meetings were added.
    """
    with store.session() as session:
        return load_demo_into(session)


def load_demo_into(session: Session) -> int:
    """`load_demo` inside an open unit of work."""
    from rcm_desktop.data.services.settings import get_setting, set_setting

    fingerprint = demo_fingerprint()
    if get_setting(session, DEMO_MARK_KEY) == fingerprint:
        return 0
    from rcm_desktop.data.demo.meetings import add_demo

    added = add_demo(session)
    set_setting(session, DEMO_MARK_KEY, fingerprint)
    return added


__all__ = ["DEMO_COUNTRY", "DEMO_MARK_KEY", "demo_fingerprint", "load_demo", "load_demo_into"]
