"""Delegations benchmark: 50,000 people in the directory and 200,000 nominations.

Prints, from one run: search as you type (median per keystroke, goal <= 50 ms), one rules
check for a nomination (median, goal <= 5 ms) and the countries × seats matrix of a
meeting of 23 countries (median, goal <= 100 ms).

Run on purpose: `.venv/bin/python tests/benchmarks/delegations.py`.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = 50_000
NOMINATIONS = 200_000
MEETINGS = 2_000
FIRST = ["María", "José", "Ana", "Luis", "Sofía", "Óscar", "Lucía", "Andrés", "Gabriela", "Iván"]
LAST = ["Núñez", "Pérez", "Zúniga", "Cárcamo", "López", "Mejía", "Ordóñez", "Díaz", "Ruíz", "Peña"]
INSTITUTIONS = ["Instituto Nacional de Migración", "Secretaría de Relaciones Exteriores",
                "Dirección General de Migración", "Ministerio de Trabajo", "Comisión de Refugiados"]  # fmt: skip


def build_store(folder: Path):  # type: ignore[no-untyped-def]
    from sqlalchemy import insert, select

    from rcm_desktop.data.models import Forum, ForumMember, Meeting, Nomination, Person, Seat
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.domain.text import fold
    from rcm_desktop.paths import Profile

    profile = Profile(folder)
    database = open_database(profile)
    prepare_store(database, profile)
    rng = random.Random(5)
    with database.session() as session:
        forums = session.scalars(select(Forum.id).where(Forum.code.in_(["RCM", "SACM"]))).all()
        countries = sorted(
            set(
                session.scalars(
                    select(ForumMember.country_code).where(ForumMember.forum_id.in_(forums))
                )
            )
        )
        people = []
        for number in range(1, PEOPLE + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            institution = rng.choice(INSTITUTIONS)
            email = f"p{number}@example.org"
            people.append({
                "id": number, "full_name": name, "institution": institution, "email": email,
                "country_code": rng.choice(countries), "gender": rng.choice(["female", "male"]),
                "search_text": fold(f"{name} {institution} {email}"),
            })  # fmt: skip
        session.execute(insert(Person), people)
        start = dt.date(2015, 1, 1)
        session.execute(insert(Meeting), [
            {"id": number, "title": f"Reunión {number}", "kind": "workshop", "modality": "virtual",
             "start_date": start + dt.timedelta(days=number), "first_date": start + dt.timedelta(days=number),
             "search_text": f"reunion {number}", "max_participants_per_country": 4, "status": "held"}
            for number in range(1, MEETINGS + 1)
        ])  # fmt: skip
        session.execute(
            insert(Seat),
            [{"id": (m - 1) * 4 + p, "meeting_id": m, "position": p, "profile": f"Perfil {p}",
              "beyond_limit": False} for m in range(1, MEETINGS + 1) for p in range(1, 5)],
        )  # fmt: skip
        from rcm_desktop.data.models import meeting_forums

        session.execute(
            insert(meeting_forums),
            [{"meeting_id": m, "forum_id": f} for m in range(1, MEETINGS + 1) for f in forums],
        )
        rows = []
        number = 0
        for meeting in range(1, MEETINGS + 1):
            for country in rng.sample(countries, len(countries) if meeting == 1 else 23):
                for position in range(1, 5):
                    if number >= NOMINATIONS:
                        break
                    number += 1
                    rows.append({
                        "id": number, "meeting_id": meeting, "country_code": country,
                        "seat_id": (meeting - 1) * 4 + position, "person_id": rng.randint(1, PEOPLE),
                        "role": "delegate",
                        "status": rng.choice(["draft", "confirmed", "withdrawn", "replaced"]),
                        "submitted_on": None,
                    })  # fmt: skip
        session.execute(insert(Nomination), rows)
    return database, countries


def median_ms(function, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> int:
    from rcm_desktop.data.services.delegation_views import delegation_matrix
    from rcm_desktop.data.services.directory import search_people
    from rcm_desktop.data.services.nominations import check_rules

    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        database, countries = build_store(Path(folder))
        print(f"store: {PEOPLE:,} people, {NOMINATIONS:,} nominations, {MEETINGS:,} meetings, "
              f"built in {time.perf_counter() - began:.1f} s")  # fmt: skip
        keystrokes = []
        for word in ("maria nunez", "instituto", "lucia zu", "p4999", "secretaria diaz pe"):
            for end in range(1, len(word) + 1):
                keystrokes.append(word[:end])
        times = []
        for text in keystrokes:
            began = time.perf_counter()
            search_people(database, text)
            times.append((time.perf_counter() - began) * 1000)
        search = statistics.median(times)
        worst = max(times)

        def rules() -> None:
            with database.session() as session:
                check_rules(session, 1000, countries[3], 12345, 3998)

        check = median_ms(rules, 200)
        matrix = median_ms(lambda: delegation_matrix(database, 1000), 30)
        rows = delegation_matrix(database, 1000)
        database.dispose()
    print(f"search as you type: median {search:.1f} ms per keystroke (worst {worst:.1f} ms, "
          f"{len(keystrokes)} keystrokes; goal <= 50 ms)")  # fmt: skip
    print(f"rules check for one nomination: median {check:.2f} ms (goal <= 5 ms)")
    print(
        f"matrix of {len(rows.rows) if rows else 0} countries x 4 seats: median {matrix:.1f} ms (goal <= 100 ms)"
    )
    ok = search <= 50 and check <= 5 and matrix <= 100
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
