"""Does the window ever wait on the database? The real window, a 10 ms heartbeat, every page.

The store holds the meetings-list data set (10,000 meetings with sessions and agenda) plus
50,000 people and the demo profile. With `--database-url URL` (an empty PostgreSQL database)
the benchmark fills it directly, then opens the window through a small TCP proxy that delays
every chunk by 50 ms each way (about 100 ms a round trip, a slow shared link); without it, it
runs on a SQLite profile only, and says so.

For each user action it prints the longest stall of the UI thread (the longest gap between
heartbeat ticks, less the 10 ms period), the round trips to the database (statements, plus
BEGIN, COMMIT and ROLLBACK; in total and per unit of work, one transaction) and how long the
action took until the window was idle again; last, `longest UI stall: N ms`. Goals: 100 ms
behind the slow link, 50 ms on SQLite; at most 15 round trips in any unit of work.

Run on purpose:
    .venv/bin/python tests/benchmarks/responsiveness.py [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

MEETINGS = 10_000
PEOPLE = 50_000
HEARTBEAT_MS = 10
DELAY_S = 0.05  # each way
GOAL_SLOW_MS = 100
GOAL_SQLITE_MS = 50
GOAL_ROUND_TRIPS = 15


# -- a slow link ------------------------------------------------------------------------------


class DelayProxy:
    """Forwards TCP to (host, port), each chunk held back *delay* seconds, order kept."""

    def __init__(self, host: str, port: int, delay: float) -> None:
        self.host, self.port, self.delay = host, port, delay
        self.loop = asyncio.new_event_loop()
        self.listening = threading.Event()
        self.local_port = 0

    def start(self) -> int:
        threading.Thread(target=self._run, daemon=True).start()
        self.listening.wait(10)
        return self.local_port

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.local_port = server.sockets[0].getsockname()[1]
        self.listening.set()
        self.loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(self.host, self.port)
        await asyncio.gather(
            self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
        )

    async def _pipe(self, source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def send() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    target.close()
                    return
                wait = due - self.loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                target.write(data)
                await target.drain()

        sender = self.loop.create_task(send())
        try:
            while data := await source.read(65536):
                queue.put_nowait((self.loop.time() + self.delay, data))
        finally:
            queue.put_nowait((self.loop.time() + self.delay, b""))
            await sender


# -- the data set ------------------------------------------------------------------------------


def fill(database: Any) -> None:
    """The demo, 10,000 synthetic meetings (2 sessions, 6 agenda lines each), 50,000 people."""
    from sqlalchemy import func, insert, select

    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.models import (
        AgendaItem,
        Body,
        Forum,
        Meeting,
        MeetingSession,
        Person,
        meeting_forums,
    )
    from rcm_desktop.domain.text import fold

    load_demo(database)
    rng = random.Random(2021)
    words = [
        "regional",
        "follow-up",
        "workshop",
        "dialogue",
        "protection",
        "border",
        "migration",
        "reunión",
        "taller",
    ]
    with database.session() as session:
        body_ids = list(session.scalars(select(Body.id)))
        forum_ids = list(session.scalars(select(Forum.id)))
        first_meeting = (session.scalar(select(func.max(Meeting.id))) or 0) + 1
        first_session = (session.scalar(select(func.max(MeetingSession.id))) or 0) + 1
        first_line = (session.scalar(select(func.max(AgendaItem.id))) or 0) + 1
        meetings, links, sessions, agenda = [], [], [], []
        session_id, line_id = first_session, first_line
        for meeting_id in range(first_meeting, first_meeting + MEETINGS):
            title = " ".join(rng.choice(words) for _ in range(6)).capitalize() + f" {meeting_id}"
            start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 14))
            meetings.append(
                {
                    "id": meeting_id, "title": title, "kind": "workshop", "modality": "virtual",
                    "status": "held", "start_date": start, "end_date": start + dt.timedelta(1),
                    "first_date": start, "search_text": fold(title),
                    "convening_body_id": rng.choice(body_ids), "time_zone": "America/Costa_Rica",
                }
            )  # fmt: skip
            links.append({"meeting_id": meeting_id, "forum_id": rng.choice(forum_ids)})
            for position in (1, 2):
                sessions.append(
                    {
                        "id": session_id, "meeting_id": meeting_id, "position": position,
                        "title": f"Session {position}", "date": start + dt.timedelta(position - 1),
                        "start_time": dt.time(9), "end_time": dt.time(11),
                    }
                )  # fmt: skip
                for line in (1, 2, 3):
                    agenda.append(
                        {
                            "id": line_id, "session_id": session_id, "position": line,
                            "start_time": dt.time(9, (line - 1) * 15),
                            "end_time": dt.time(9, line * 15), "activity": f"Activity {line}",
                        }
                    )  # fmt: skip
                    line_id += 1
                session_id += 1
        for rows, target in (
            (meetings, Meeting.__table__),
            (links, meeting_forums),
            (sessions, MeetingSession.__table__),
            (agenda, AgendaItem.__table__),
        ):
            for start in range(0, len(rows), 5000):
                session.execute(insert(target), rows[start : start + 5000])
        people = [
            {
                "full_name": f"{rng.choice(['Ana', 'José', 'María', 'Luis'])} Pérez {number}",
                "institution": rng.choice(["INM", "DGME", "Cancillería", "SRE"]),
                "country_code": "HN", "gender": "unspecified",
                "search_text": fold(f"persona {number}"),
            }
            for number in range(PEOPLE)
        ]  # fmt: skip
        for start in range(0, len(people), 5000):
            session.execute(insert(Person), people[start : start + 5000])
    if not database.is_sqlite:
        from rcm_desktop.data.transfer import reset_sequences

        with database.engine.begin() as connection:
            reset_sequences(connection)


# -- measuring --------------------------------------------------------------------------------


class Heartbeat:
    """A 10 ms timer; the longest gap between its ticks since `reset`."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.elapsed()
        self.longest = 0
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = self.clock.elapsed()
        self.longest = 0

    def stall(self) -> int:
        return max(0, max(self.longest, self.clock.elapsed() - self.last) - HEARTBEAT_MS)


class RoundTrips:
    """Round trips on one engine: statements sent, plus BEGIN, COMMIT and ROLLBACK.

    Counted in total and per unit of work (one transaction, BEGIN to COMMIT or ROLLBACK), so
    that an action which runs a save and then a reload shows both units.
    """

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.count = 0
        self.units: list[int] = []
        self._open: dict[int, int] = {}
        self.sqlite = engine.dialect.name == "sqlite"
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)

    def _statement(self, connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.count += 1
        if id(connection) in self._open:
            self._open[id(connection)] += 1
        if os.environ.get("RCM_BENCH_SQL"):
            print("    SQL", " ".join(statement.split())[:140], flush=True)

    def _begin(self, connection: Any) -> None:
        # SQLite's BEGIN is a statement the store sends (already counted in the total) just
        # before this listener runs; PostgreSQL's is sent with the first statement
        if not self.sqlite:
            self.count += 1
        self._open[id(connection)] = 1

    def _end(self, connection: Any) -> None:
        self.count += 1
        if id(connection) in self._open:
            self.units.append(self._open.pop(id(connection)) + 1)

    def take_units(self) -> list[int]:
        """The units of work finished since the last call, each with its round trips."""
        done, self.units = self.units, []
        return done


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    app = QApplication.instance()
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.002)


def settle(window: Any) -> None:
    """Wait until no task runs and no page of the window is busy."""

    def idle() -> bool:
        pages = [page for page in window._pages if page is not None]
        return not window.context.tasks.busy and not any(page.busy for page in pages)

    wait_until(idle)
    for _ in range(5):  # what the results schedule (a repaint, a row request)
        QApplication.instance().processEvents()
        time.sleep(0.005)
    wait_until(idle)


# -- the run ------------------------------------------------------------------------------------


def run(database_url: str | None) -> int:
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.application import keep_house
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor
    from rcm_desktop.ui.main_window import MainWindow
    from rcm_desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="rcm-responsiveness-"))
    profile = Profile(folder / "profile").ensure()
    print("filling the store (directly, not through the proxy)…", flush=True)
    direct = open_store(profile, database_url).store
    fill(direct)
    window_url = database_url
    if database_url:
        from sqlalchemy.engine import make_url

        url = make_url(database_url)
        proxy = DelayProxy(url.host or "127.0.0.1", url.port or 5432, DELAY_S)
        window_url = url.set(host="127.0.0.1", port=proxy.start()).render_as_string(
            hide_password=False
        )
        print(f"PostgreSQL behind a proxy adding {2 * DELAY_S * 1000:.0f} ms a round trip")
    else:
        print("SQLite only (give --database-url for PostgreSQL behind a slow link)")
    goal = GOAL_SLOW_MS if database_url else GOAL_SQLITE_MS

    MeetingEditor.exec = lambda self: (self.open(), 0)[1]  # type: ignore[method-assign]
    context = AppContext(
        profile=profile,
        preferences=Preferences(profile.preferences_path),
        tasks=TaskRunner(app),
        database_url=window_url,
    )
    window = MainWindow(context)
    housekeeping = keep_house(app, window)  # garbage collection and code read ahead, as the app
    window.resize(1180, 740)
    window.show()
    heartbeat = Heartbeat()
    results: list[tuple[str, int, int | None, list[int]]] = []
    trips: RoundTrips | None = None

    def action(name: str, do: Callable[[], None], done: Callable[[], bool] | None = None) -> None:
        nonlocal trips
        before = trips.count if trips else 0
        heartbeat.reset()
        started = time.monotonic()
        do()
        if done is not None:
            wait_until(done)
        settle(window)
        took = (time.monotonic() - started) * 1000
        units: list[int] = []
        if trips is None and context.database is not None:
            trips = RoundTrips(context.database.engine)
            count = None  # the counter starts with the store open
        else:
            count = trips.count - before if trips else None
            units = trips.take_units() if trips else []
        results.append((name, heartbeat.stall(), count, units))
        shown = "—" if count is None else str(count)
        each = f" ({' + '.join(map(str, units))} in {len(units)} units of work)" if units else ""
        print(
            f"{name}: longest stall {results[-1][1]} ms, round trips {shown}{each}, "
            f"done in {took:.0f} ms",
            flush=True,
        )

    action(
        "open the store, to the dashboard, read the pages' code ahead",
        window.open_store,
        lambda: context.database is not None and not housekeeping.warm_up.pending,
    )
    action("dashboard again (a change of deadlines)", lambda: context.events.announce("deadlines"))
    action("Meetings page", lambda: window.show_page(1))
    page = window.meetings
    action("select a meeting", lambda: page.table.selectRow(5))
    action("type a filter, a key", lambda: page.search.setText("taller"))
    action("clear the filter", lambda: page.search.setText(""))
    action("scroll to the bottom", lambda: page.table.scrollToBottom())
    action("open the editor", page.edit_meeting, lambda: _editor(app) is not None)
    editor = _editor(app)
    assert editor is not None
    editor.title.setText(editor.title.text() + " (edited)")
    action("change a meeting's title, Save", editor.save, lambda: not editor.isVisible())
    action("Delegations page", lambda: window.show_page(2))
    action("Documents & deadlines page", lambda: window.show_page(3))
    action("Directory page", lambda: window.show_page(4))
    action("Settings page", lambda: window.show_page(5))
    action("the full garbage collection (every 5 minutes)", lambda: gc.collect())
    window.show_page(1)
    settle(window)
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting

    meeting_id = page.view.meeting_id or 1
    draft = load_draft(direct, meeting_id)
    draft.title += " (by someone else)"
    save_meeting(direct, draft)
    action("change check after another user's save", window.change_watch.check)
    action("change check, nothing changed", window.change_watch.check)
    window.close()
    direct.dispose()

    longest = max(stall for _name, stall, _count, _units in results)
    most = max((max(units, default=0) for *_rest, units in results), default=0)
    print(f"most round trips in one unit of work: {most} (goal ≤ {GOAL_ROUND_TRIPS})")
    print(f"longest UI stall: {longest} ms (goal ≤ {goal} ms)")
    return 0 if longest <= goal and most <= GOAL_ROUND_TRIPS else 1


def _editor(app: QApplication) -> Any:
    from rcm_desktop.ui.dialogs.meeting_editor import MeetingEditor

    return next(
        (w for w in app.topLevelWidgets() if isinstance(w, MeetingEditor) and w.isVisible()), None
    )


def main() -> int:
    import compileall

    import rcm_desktop

    # An installed app runs from compiled bytecode (PyInstaller ships it): compile once here, so
    # that a page's first import is measured as a user meets it, even with PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(Path(rcm_desktop.__file__).parent, quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database to fill and use")
    args = parser.parse_args()
    return run(args.database_url)


if __name__ == "__main__":
    sys.exit(main())
