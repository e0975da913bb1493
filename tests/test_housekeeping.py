"""Housekeeping while the window runs: garbage collected on the UI thread only, and the pages'
code read ahead one module per turn of the event loop."""

from __future__ import annotations

import gc
import sys
import weakref

from rcm_desktop.ui.garbage import GarbageCollector
from rcm_desktop.ui.pages.registry import PAGES
from rcm_desktop.ui.warm_up import WarmUp, modules_to_warm


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_is_the_collectors_and_still_frees_cycles(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GarbageCollector()
    try:
        assert not gc.isenabled(), "no pass may start on a worker thread"
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        assert alive() is not None, "a cycle waits for the collector"
        collector.collect()
        assert alive() is None
    finally:
        collector.stop()
    assert gc.isenabled()


def test_settling_freezes_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GarbageCollector()
    try:
        collector.settle()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        _kept = [_Cycle() for _ in range(50)]
        collector.settle()
        assert gc.get_freeze_count() == frozen, "later objects stay collectable"
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0


def test_the_pages_and_editors_are_read_ahead_one_per_turn(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    names = modules_to_warm()
    assert [spec.module for spec in PAGES] == names[: len(PAGES)]
    assert "rcm_desktop.ui.dialogs.meeting_editor" in names
    warm_up = WarmUp(["rcm_desktop.no_such_module", "colorsys", "rcm_desktop.ui.pages.settings"])
    warm_up.start()
    qtbot.waitUntil(lambda: not warm_up.pending, timeout=5000)
    assert "colorsys" in sys.modules and "rcm_desktop.ui.pages.settings" in sys.modules
    assert "rcm_desktop.no_such_module" in caplog.text, "a module that fails is logged, not raised"
