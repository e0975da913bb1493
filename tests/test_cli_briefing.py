"""`rcm-desktop briefing`: a pack from the command line, in a language of its own."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from rcm_desktop.cli.parser import build_parser, run_command
from rcm_desktop.paths import Profile


def _run(profile: Profile, *arguments: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(["--demo", *arguments])
    out, err = io.StringIO(), io.StringIO()
    return run_command(args, profile, out, err), out.getvalue(), err.getvalue()


def _meeting_id(profile: Profile, title_start: str) -> str:
    code, out, _err = _run(profile, "meetings")
    assert code == 0
    return next(line.split("\t")[0] for line in out.splitlines() if title_start in line)


def test_briefing_in_spanish_for_another_country(profile: Profile, tmp_path: Path) -> None:
    meeting = _meeting_id(profile, "Second Follow-up")
    target = tmp_path / "pack.pdf"
    code, out, err = _run(
        profile,
        "briefing",
        "--meeting",
        meeting,
        "--country",
        "cr",
        "--lang",
        "es",
        "--marking",
        "Reservado",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert "Briefing pack written to" in out
    reader = PdfReader(target)
    content = "\n".join(page.extract_text() for page in reader.pages)
    assert "Delegación de Costa Rica" in content and "RESERVADO" in content
    assert "Costa Rica" in content and "UTC-06:00" in content
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"


def test_briefing_defaults_to_the_profile_country(profile: Profile, tmp_path: Path) -> None:
    meeting = _meeting_id(profile, "Workshop")
    code, _out, err = _run(profile, "briefing", "--meeting", meeting, "-o", str(tmp_path / "a.pdf"))
    assert code == 0, err
    content = PdfReader(tmp_path / "a.pdf").pages[0].extract_text()
    assert "Delegation of Honduras" in content


def test_briefing_refusals_are_clear(profile: Profile, tmp_path: Path) -> None:
    code, _out, err = _run(profile, "briefing", "--meeting", "999", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "no longer exists" in err
    code, _out, err = _run(
        profile, "briefing", "--meeting", "1", "--lang", "xx", "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "use en, es, fr or pt" in err
    code, _out, err = _run(
        profile, "briefing", "--meeting", "1", "-o", str(tmp_path / "missing" / "x.pdf")
    )
    assert code == 1 and "does not exist" in err
    assert list(tmp_path.glob("*.pdf")) == []
