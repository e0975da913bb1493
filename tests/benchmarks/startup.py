"""Start-up benchmark: RCM Desk against the floor of its stack, medians over repeated launches.

(a) process start to the main window's first paint, on the demo profile, against a
    bare PySide6 QMainWindow: prints "first paint ratio: X".
(b) process start to the demo meetings visible in the list, against a bare script that
    imports PySide6 and SQLAlchemy's ORM, opens the same SQLite file and shows its
    meeting rows in a QTableView: prints "meetings visible ratio: Y".

Run on purpose: `make bench` or `.venv/bin/python tests/benchmarks/startup.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    MODE = sys.argv[1]

    class Probe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
                if self.reached(watched):
                    print("PAINTED", time.time(), flush=True)
                    QTimer.singleShot(0, self.finish)
                    QApplication.instance().removeEventFilter(self)
            return False

        def reached(self, widget):
            window = widget.window()
            if not isinstance(window, QMainWindow):
                return False
            if MODE == "paint":
                return True
            table = widget.parent()
            return isinstance(table, QTableView) and table.model() is not None and table.model().rowCount() >= 3

        def finish(self):
            QApplication.closeAllWindows()
            QApplication.instance().quit()

    app = QApplication(sys.argv[:1])
    probe = Probe()
    app.installEventFilter(probe)
    """
)

APP = PROBE + textwrap.dedent(
    """
    from rcm_desktop.app import main
    sys.exit(main(["--demo", "--lang", "en", "--profile", sys.argv[2]]))
    """
)

BARE_WINDOW = PROBE + textwrap.dedent(
    """
    window = QMainWindow()
    window.resize(1180, 740)
    window.show()
    app.exec()
    """
)

BARE_MEETINGS = PROBE + textwrap.dedent(
    """
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    window = QMainWindow()
    window.resize(1180, 740)
    table = QTableView(window)
    window.setCentralWidget(table)
    window.show()
    engine = create_engine("sqlite:///" + sys.argv[2] + "/rcm-desk.sqlite3")
    with Session(engine) as session:
        rows = session.execute(text("SELECT id, title, start_date FROM meetings ORDER BY start_date DESC")).all()
    model = QStandardItemModel(len(rows), 3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    table.setModel(model)
    app.exec()
    """
)


def launch(script: str, *args: str) -> float:
    """Seconds from process start to the probe's paint."""
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app runs from compiled bytecode; let the warm-up launch write it.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    painted = [line for line in result.stdout.splitlines() if line.startswith("PAINTED")]
    if not painted:
        raise RuntimeError(f"no paint reported (exit {result.returncode}): {result.stderr[-2000:]}")
    return float(painted[0].split()[1]) - started


def prepare_demo_profile(folder: Path, page: int) -> None:
    """Create the demo profile once (not timed) and open it on *page* (0 dashboard, 1 meetings)."""
    subprocess.run(
        [sys.executable, "-m", "rcm_desktop", "--demo", "--profile", str(folder), "meetings"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    preferences = folder / "preferences.json"
    values = json.loads(preferences.read_text()) if preferences.exists() else {}
    values.update({"window.page": page, "language": "en"})
    preferences.write_text(json.dumps(values))


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="launches per measurement (at least 5)")
    runs = max(5, parser.parse_args().runs)
    with tempfile.TemporaryDirectory() as temporary:
        dashboard = Path(temporary) / "on-dashboard"
        meetings = Path(temporary) / "on-meetings"
        prepare_demo_profile(dashboard, page=0)
        prepare_demo_profile(meetings, page=1)
        launch(BARE_WINDOW, "paint")  # warm the file cache once, untimed
        launch(APP, "paint", str(dashboard))
        samples: dict[str, list[float]] = {
            "app_paint": [],
            "bare_paint": [],
            "app_rows": [],
            "bare_rows": [],
        }
        for _ in range(runs):
            samples["bare_paint"].append(launch(BARE_WINDOW, "paint"))
            samples["app_paint"].append(launch(APP, "paint", str(dashboard)))
            samples["bare_rows"].append(launch(BARE_MEETINGS, "rows", str(meetings)))
            samples["app_rows"].append(launch(APP, "rows", str(meetings)))
    medians = {name: median_ms(values) for name, values in samples.items()}
    print(f"launches per measurement: {runs}")
    print(
        f"first paint: RCM Desk {medians['app_paint']:.0f} ms, bare QMainWindow {medians['bare_paint']:.0f} ms"
    )
    print(f"first paint ratio: {medians['app_paint'] / medians['bare_paint']:.2f}")
    print(
        f"meetings visible: RCM Desk {medians['app_rows']:.0f} ms, "
        f"bare PySide6 + SQLAlchemy ORM table {medians['bare_rows']:.0f} ms"
    )
    print(f"meetings visible ratio: {medians['app_rows'] / medians['bare_rows']:.2f}")


if __name__ == "__main__":
    main()
