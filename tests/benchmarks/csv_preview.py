"""CSV import benchmark: the preview of a realistic 50,000-row people file, then the import.

The file is what a focal point's spreadsheet exports: Spanish headers separated by
semicolons, Windows-1252, names with accents, institutions, positions, emails, phones with
extensions, gender words, country names and ISO codes, notes; one row in fifty has a
problem (no institution, a bad email or phone, an unknown country, a repeated email).

Prints the time to read the file into a preview (`read_people_csv`, goal <= 2 s), the
preview against an empty store (`preview_import`, the same plus the store's checks, goal
<= 2 s), the import of the accepted rows in one transaction, and the same preview again
with those people in the store (every row is then a duplicate, goal <= 2 s).

Run on purpose: `.venv/bin/python tests/benchmarks/csv_preview.py [ROWS]`.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROWS = 50_000
GOAL_SECONDS = 2.0
FIRST = ["María", "José", "Ana", "Luis", "Sofía", "Óscar", "Lucía", "Andrés", "Gabriela",
         "Iván", "Íngrid", "Ramón", "Begoña", "Jesús", "Mónica", "Raúl", "Noemí", "Germán",
         "Inés", "Joël"]  # fmt: skip
LAST = ["Núñez", "Pérez", "Zúniga", "Cárcamo", "López", "Mejía", "Ordóñez", "Díaz", "Ruíz",
        "Peña", "Gutiérrez", "Hernández", "Álvarez", "Muñoz", "Sánchez", "Castañeda",
        "Brito"]  # fmt: skip
INSTITUTIONS = ["Instituto Nacional de Migración", "Secretaría de Relaciones Exteriores",
                "Dirección General de Migración", "Ministerio de Trabajo",
                "Comisión de Refugiados", "Cancillería", "Defensoría del Pueblo"]  # fmt: skip
POSITIONS = ["Director General", "Asesora", "Jefa de Unidad", "Oficial de Enlace",
             "Coordinador", "Viceministra", "Analista", ""]  # fmt: skip
COUNTRIES = ["Honduras", "México", "Guatemala", "El Salvador", "Costa Rica", "Panamá",
             "HN", "MX", "gt", "Canada", "Estados Unidos", "Belice", "Nicaragua", ""]  # fmt: skip
GENDERS = ["F", "M", "Mujer", "Hombre", "", "Femenino", "Masculino", "otro"]
HEADER = ["Tratamiento", "Nombre completo", "Cargo", "Institución", "Correo electrónico",
          "Teléfono", "Idiomas", "Género", "País", "Observaciones"]  # fmt: skip


def people_csv(rows: int = ROWS, seed: int = 15, *, encoding: str = "cp1252") -> bytes:
    """The bytes of a realistic people CSV of *rows* data rows (seeded: always the same)."""
    rng = random.Random(seed)
    lines = [";".join(HEADER)]
    for number in range(1, rows + 1):
        first = f"{rng.choice(FIRST)} {rng.choice(FIRST)}"
        last = f"{rng.choice(LAST)} {rng.choice(LAST)}"
        email = f"{_ascii(first[0] + last.split()[0])}{number}@example.gob.hn"
        phone = f"+504 {rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
        if rng.random() < 0.2:
            phone += f" ext. {rng.randint(1, 999)}"
        institution = rng.choice(INSTITUTIONS)
        trouble = rng.random()
        if trouble < 0.005:
            institution = ""
        elif trouble < 0.01:
            email = email.replace("@", "")
        elif trouble < 0.015:
            phone = "22-AB-33"
        elif trouble < 0.02:
            email = "duplicado@example.gob.hn"
        cells = [
            rng.choice(["Sr.", "Sra.", "Lic.", "Dra.", ""]),
            f"{first} {last}",
            rng.choice(POSITIONS),
            institution,
            email,
            phone,
            rng.choice(["es", "es, en", "es,en,fr", ""]),
            rng.choice(GENDERS),
            rng.choice(COUNTRIES) if trouble >= 0.0025 else "Atlántida",
            rng.choice(["", "", "Punto focal; suplente", "Llega el lunes", '"VIP"']),
        ]
        lines.append(";".join(_quoted(cell) for cell in cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ';"\r\n') else cell


def _timed(function):  # type: ignore[no-untyped-def]
    """*function()*, its wall time and its CPU time (the CPU time is what a busy machine
    does not inflate)."""
    began, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - began, time.process_time() - cpu


def main() -> int:
    from rcm_desktop.data.services.directory import import_people, preview_import
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.exchange.people_csv import read_people_csv
    from rcm_desktop.paths import Profile

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    data = people_csv(rows)
    print(f"file: {rows:,} rows, {len(data) / 1e6:.1f} MB")
    reading, read, read_cpu = _timed(lambda: read_people_csv(data))
    print(f"read_people_csv: {read:.2f} s, CPU {read_cpu:.2f} s ({len(reading.rows):,} good, "
          f"{len(reading.rejected):,} rejected; goal <= {GOAL_SECONDS:.0f} s)")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "profile").ensure()
        database = open_database(profile)
        prepare_store(database, profile)
        source = Path(folder) / "people.csv"
        source.write_bytes(data)
        preview, previewed, preview_cpu = _timed(lambda: preview_import(database, source))
        print(f"preview_import: {previewed:.2f} s, CPU {preview_cpu:.2f} s ({len(preview.rows):,} "
              f"can be imported, {len(preview.rejected):,} rejected; goal <= {GOAL_SECONDS:.0f} s)")  # fmt: skip
        added, imported, import_cpu = _timed(lambda: import_people(database, preview.rows))
        print(f"import_people: {imported:.2f} s, CPU {import_cpu:.2f} s ({added:,} people added "
              "in one transaction)")  # fmt: skip
        again, second, second_cpu = _timed(lambda: preview_import(database, source))
        print(f"preview_import again, {added:,} people in the store: {second:.2f} s, CPU "
              f"{second_cpu:.2f} s ({len(again.rejected):,} rejected; goal <= {GOAL_SECONDS:.0f} s)")  # fmt: skip
        database.dispose()
    ok = max(read, previewed, second) <= GOAL_SECONDS
    print("goal met" if ok else "GOAL MISSED (on a busy machine, compare the CPU times)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
