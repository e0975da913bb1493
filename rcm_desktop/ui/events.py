"""Application-wide signals: every view listens and decides for itself whether to react.

`changed(Change)` follows every change to the store: announced by the window right after
its own save, or found by the change watcher after someone else's. A `Change` names the
kinds of record it concerns ("meetings", "deadlines", "people", "delegations",
"documents", "settings", "reference") and, where known, which ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

#: Every kind of change; a Change of all of them asks every view to reload.
ALL_KINDS = frozenset(
    {"meetings", "deadlines", "people", "delegations", "documents", "settings", "reference"}
)


@dataclass(frozen=True)
class Change:
    """What changed: kinds of record and, per kind, the ids (None or missing: any of them)."""

    kinds: frozenset[str]
    ids: Mapping[str, frozenset[int] | None] = field(default_factory=dict)
    #: True when someone else made it (found by the change watcher).
    remote: bool = False

    @classmethod
    def of(cls, *kinds: str, ids: Iterable[int] | None = None, remote: bool = False) -> Change:
        """A change of *kinds*; *ids* (for a single kind) names the records."""
        chosen = frozenset(kinds) if kinds else ALL_KINDS
        known = {kind: frozenset(ids) for kind in chosen} if ids is not None else {}
        return cls(chosen, known, remote)

    def concerns(self, kinds: Iterable[str]) -> bool:
        """Whether any of *kinds* changed."""
        return not self.kinds.isdisjoint(kinds)

    def ids_of(self, kind: str) -> frozenset[int] | None:
        """The ids of *kind* that changed, or None when any of them may have."""
        return self.ids.get(kind)

    def touches(self, kind: str, record_id: int | None) -> bool:
        """Whether the record *record_id* of *kind* may have changed."""
        if kind not in self.kinds:
            return False
        ids = self.ids_of(kind)
        return ids is None or record_id in ids

    def merged(self, other: Change) -> Change:
        """Both changes as one (for a page that was hidden while they happened)."""
        ids: dict[str, frozenset[int] | None] = {}
        for kind in self.kinds | other.kinds:
            mine = self.ids_of(kind) if kind in self.kinds else frozenset()
            theirs = other.ids_of(kind) if kind in other.kinds else frozenset()
            ids[kind] = None if mine is None or theirs is None else mine | theirs
        return Change(self.kinds | other.kinds, ids, self.remote or other.remote)


EVERYTHING = Change(ALL_KINDS)


class DataEvents(QObject):
    """`changed(Change)` after any change to the store; `language_changed(code)` after the
    interface language was switched."""

    changed = Signal(object)
    language_changed = Signal(str)

    def announce(self, *kinds: str, ids: Iterable[int] | None = None) -> None:
        """Tell every view that this window changed *kinds* (the records *ids*, if known)."""
        self.changed.emit(Change.of(*kinds, ids=ids))
