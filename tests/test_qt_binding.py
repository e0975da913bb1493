"""The Qt binding the app runs on must not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to True on every signal emission; after a few hundred
signals the interpreter aborts ("bool_dealloc"). pyproject.toml excludes that release,
and this test fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(str)


def test_signal_emission_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = _Emitter()
    received: list[str] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.fired.emit("x")
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 200
