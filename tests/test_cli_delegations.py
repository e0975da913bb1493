"""`nomination-letter` and `export-delegation` from the command line, on the demo profile."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from rcm_desktop.app import main


def _meeting_id(tmp_path: Path, capsys) -> int:  # type: ignore[no-untyped-def]
    assert main(["--demo", "--profile", str(tmp_path / "p"), "meetings"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return int(next(line for line in lines if "MIRPS" in line).split("\t")[0])


def test_nomination_letter_in_spanish(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    meeting = _meeting_id(tmp_path, capsys)
    out = tmp_path / "carta.pdf"
    code = main(
        ["--demo", "--profile", str(tmp_path / "p"), "nomination-letter", "--meeting",
         str(meeting), "--lang", "es", "-o", str(out)]
    )  # fmt: skip
    assert code == 0 and "carta.pdf" in capsys.readouterr().out  # said in Spanish: --lang es
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "José Ángel Cárcamo Ruíz" in text and "Honduras" in text
    assert "octubre de 2020" in text


def test_export_delegation_json_and_csv(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    meeting = _meeting_id(tmp_path, capsys)
    out = tmp_path / "d.json"
    base = [
        "--demo",
        "--profile",
        str(tmp_path / "p"),
        "export-delegation",
        "--meeting",
        str(meeting),
    ]
    assert main([*base, "--format", "json", "--country", "hn", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [row["seat"] for row in data["participants"]] == [1, 2, 3]
    csv_out = tmp_path / "d.csv"
    assert main([*base, "--format", "csv", "-o", str(csv_out)]) == 0
    assert "Sofía Alejandra Mejía Zúniga" in csv_out.read_text(encoding="utf-8-sig")
    assert main([*base, "--meeting", "999", "-o", str(csv_out)]) != 0


def test_unknown_language_and_country_are_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    meeting = _meeting_id(tmp_path, capsys)
    base = ["--demo", "--profile", str(tmp_path / "p")]
    letter = [*base, "nomination-letter", "--meeting", str(meeting), "-o", str(tmp_path / "l.pdf")]
    assert main([*letter, "--lang", "xx"]) == 1
    assert capsys.readouterr().err.startswith(
        "rcm-desktop: error: “xx” is not a language RCM Desk prints in"
    )
    assert main([*letter, "--country", "ZZ"]) == 1
    assert "“ZZ” is not a country code RCM Desk knows" in capsys.readouterr().err
    export = [*base, "export-delegation", "--meeting", str(meeting), "-o", str(tmp_path / "d.csv")]
    assert main([*export, "--country", "zz"]) == 1
    assert "rcm-desktop: error: “zz” is not a country code" in capsys.readouterr().err
    assert not (tmp_path / "l.pdf").exists() and not (tmp_path / "d.csv").exists()
