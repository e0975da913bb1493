"""`import-people` and `export-people` from the command line: preview, import, refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from rcm_desktop.app import main

HEADER = "Nombre completo;Institución;Correo electrónico;País\n"


def run(profile: Path, *args: str, demo: bool = False) -> int:
    return main([*(["--demo"] if demo else []), "--profile", str(profile), *args])


def people_in(profile: Path, tmp_path: Path) -> list[list[str]]:
    """The rows of the directory as `export-people` writes them, header first."""
    out = tmp_path / f"check-{profile.name}.csv"
    assert run(profile, "export-people", "-o", str(out)) == 0
    return list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_export_then_import_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "demo", tmp_path / "fresh"
    exported = tmp_path / "directorio.csv"
    assert run(source, "export-people", "-o", str(exported), demo=True) == 0
    assert "8 people written to" in capsys.readouterr().out
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")
    # Into the same directory: every row is a duplicate, and a dry run writes nothing anyway.
    assert run(source, "import-people", str(exported), "--dry-run", demo=True) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("rejected\t") for line in lines) == 8
    assert "0 rows can be imported · 8 rows rejected" in lines
    assert "Dry run: nothing was written." in lines
    # Into an empty profile: a dry run accepts all eight and writes none of them.
    assert run(target, "import-people", str(exported), "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    accepted = [line.split("\t") for line in lines if line.startswith("accepted\t")]
    assert [row[1] for row in accepted] == [str(line) for line in range(2, 10)]
    assert "María José Núñez Peña" in {row[2] for row in accepted}
    assert len(people_in(target, tmp_path)) == 1, "the dry run wrote nothing"
    capsys.readouterr()
    assert run(target, "import-people", str(exported)) == 0
    out = capsys.readouterr().out
    assert "8 rows can be imported · 0 rows rejected" in out
    assert "8 people added to the directory; none updated" in out
    assert people_in(target, tmp_path) == people_in(source, tmp_path)
    # Once more: now they are all there, nothing is added.
    capsys.readouterr()
    assert run(target, "import-people", str(exported), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"rows": 8, "accepted": 0, "rejected": 8}
    assert data["added"] == 0 and data["dry_run"] is False
    assert "already" in data["rejected"][0]["reasons"][0]


def test_a_bad_row_is_reported_with_its_line_and_the_good_ones_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gente.csv"
    path.write_text(
        HEADER
        + "Rosa Elvira Zelaya;Secretaría de Trabajo;rosa@trabajo.example;HN\n"
        + "Correo Malo;Cancillería;malo@;HN\n"
        + "Sin Institución;;x@y.example;HN\n",
        encoding="cp1252",
    )
    assert run(tmp_path / "p", "import-people", str(path), "--json", "--dry-run") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["encoding"] == "cp1252" and data["delimiter"] == ";"
    assert [row["line"] for row in data["accepted"]] == [2]
    assert data["accepted"][0]["country_code"] == "HN"
    assert [(row["line"], row["name"]) for row in data["rejected"]] == [
        (3, "Correo Malo"),
        (4, "Sin Institución"),
    ]
    assert "Email" in data["rejected"][0]["reasons"][0]
    assert data["added"] is None and data["updated"] is None
    assert run(tmp_path / "p", "import-people", str(path)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "accepted\t2\tRosa Elvira Zelaya\tSecretaría de Trabajo\trosa@trabajo.example",
        "rejected\t3\tCorreo Malo\tEmail: The part after “@” needs a dot, as in "
        "institution.gob.hn.",
        "rejected\t4\tSin Institución\tEnter the person's institution (e.g. the National "
        "Migration Institute).",
    ]
    assert lines[-1].startswith("1 person added to the directory")
    assert [row[1] for row in people_in(tmp_path / "p", tmp_path)[1:]] == ["Rosa Elvira Zelaya"]


def test_unreadable_files_and_folders_are_refused_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p"
    assert run(profile, "import-people", str(tmp_path / "missing.csv")) == 1
    err = capsys.readouterr().err
    assert err.startswith("rcm-desktop: error: The file missing.csv cannot be read")
    assert "Traceback" not in err
    workbook = tmp_path / "libro.csv"
    workbook.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    assert run(profile, "import-people", str(workbook), "--dry-run") == 1
    assert "spreadsheet workbook" in capsys.readouterr().err
    no_names = tmp_path / "sin.csv"
    no_names.write_text("Correo;Teléfono\na@b.example;2234-5678\n", encoding="utf-8")
    assert run(profile, "import-people", str(no_names)) == 1
    assert "no column for full name, institution" in capsys.readouterr().err
    assert run(profile, "import-people", str(tmp_path)) == 1  # a folder, not a file
    assert "cannot be read" in capsys.readouterr().err
    assert run(profile, "export-people", "-o", str(tmp_path / "nope" / "d.csv")) == 1
    err = capsys.readouterr().err
    assert "does not exist. Choose another folder." in err
    assert not (tmp_path / "nope").exists()


def test_a_formula_cell_survives_the_round_trip_and_runs_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    formula = '=HYPERLINK("http://x.example","clic")'
    source = tmp_path / "formulas.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Full name", "Institution", "Notes"])
        writer.writerow(["Ana Peña", "'" + formula, "@SUM(A1)"])  # as a safe export writes it
        writer.writerow(["Luis Díaz", "-INM", "+cmd|' /C calc'!A0"])
    assert run(tmp_path / "a", "import-people", str(source)) == 0
    capsys.readouterr()
    exported = tmp_path / "a.csv"
    assert run(tmp_path / "a", "export-people", "-o", str(exported)) == 0
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [(row[3], row[10]) for row in rows[1:]] == [
        ("'" + formula, "'@SUM(A1)"),
        ("'-INM", "'+cmd|' /C calc'!A0"),
    ]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    capsys.readouterr()
    assert run(tmp_path / "b", "import-people", str(exported), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(row["institution"], row["notes"]) for row in data["accepted"]] == [
        (formula, "@SUM(A1)"),
        ("-INM", "+cmd|' /C calc'!A0"),
    ]
    assert people_in(tmp_path / "b", tmp_path) == rows


def test_a_large_file_prints_a_few_progress_lines_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.benchmarks.csv_preview import people_csv

    path = tmp_path / "grande.csv"
    path.write_bytes(people_csv(6000))
    assert run(tmp_path / "p", "import-people", str(path), "--json") == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)  # standard output is the preview alone
    assert data["counts"]["rows"] == 6000 and data["added"] == data["counts"]["accepted"]
    reading = [line for line in captured.err.splitlines() if line.startswith("Reading…")]
    importing = [line for line in captured.err.splitlines() if line.startswith("Importing…")]
    assert reading[-1] == "Reading… 6,000 of 6,000 rows" and 2 <= len(reading) <= 5
    assert importing[-1].startswith(f"Importing… {data['added']:,} of") and len(importing) <= 5
    assert "\r" not in captured.err, "not a terminal: plain lines"
    small = tmp_path / "pequeño.csv"
    small.write_text("Full name,Institution\nAna,INM\n", encoding="utf-8")
    assert run(tmp_path / "p", "import-people", str(small), "--dry-run") == 0
    assert capsys.readouterr().err == "", "a small file shows no progress"


def test_a_name_the_console_cannot_show_does_not_stop_the_listing(tmp_path: Path) -> None:
    """stdout in ASCII (a Windows code page, a redirect): the emoji prints as an escape."""
    import os
    import subprocess
    import sys

    source = tmp_path / "people.csv"
    source.write_text("full_name,institution\nAna 😀 Núñez,Cancillería\n", encoding="utf-8")
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "rcm_desktop",
            "--profile",
            str(tmp_path / "p"),
            "import-people",
            str(source),
            "--dry-run",
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert b"Ana \\U0001f600 N\\xfa\\xf1ez" in finished.stdout
