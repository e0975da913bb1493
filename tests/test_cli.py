"""The headless command line: global options before a subcommand, exit statuses, tab-separated output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcm_desktop import __version__
from rcm_desktop.app import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LANGUAGE": ""}
    return subprocess.run(
        [sys.executable, "-m", "rcm_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_demo_meetings_one_line_each(tmp_path: Path) -> None:
    result = run("--demo", "--profile", str(tmp_path / "p"), "meetings")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(line[1], line[2][:30]) for line in lines] == [
        ("2020-10-06", "Workshop on the Comprehensive "),
        ("2021-09-09", "II Plenary Meeting of the Regi"),
        ("2021-10-01", "Second Follow-up and Evaluatio"),
    ]
    assert all(line[0].isdigit() and len(line) == 3 for line in lines)


def test_version_and_unknown_option() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"RCM Desk {__version__}"
    unknown = run("--colour", "meetings")
    assert unknown.returncode == 2
    assert "usage: rcm-desktop" in unknown.stderr
    assert "unrecognized arguments: --colour" in unknown.stderr


def test_the_window_is_opened_without_building_the_subcommands() -> None:
    """The window's options are parsed without importing the subcommands (start-up time)."""
    code = (
        "import sys; from rcm_desktop.cli import parse_arguments;"
        "args = parse_arguments(['--demo', '--lang', 'es']);"
        "assert args.command is None and args.demo and args.lang == 'es';"
        "assert 'rcm_desktop.cli.meetings' not in sys.modules;"
        "assert parse_arguments(['--demo', 'meetings']).command == 'meetings'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    unknown = run("--colour")
    assert unknown.returncode == 2 and "unrecognized arguments: --colour" in unknown.stderr
    helped = run("--help")
    assert helped.returncode == 0 and "meetings" in helped.stdout, "help lists the subcommands"


def test_global_option_after_the_subcommand_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["meetings", "--demo"])
    assert stop.value.code == 2


def test_backup_then_restore_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    target = tmp_path / "saved.sqlite3"
    assert main(["--demo", "--profile", profile, "backup", "-o", str(target)]) == 0
    assert target.exists() and "Backup written" in capsys.readouterr().out
    assert main(["--profile", profile, "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore-" in out
    assert main(["--profile", profile, "meetings"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_restore_of_a_non_backup_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    assert main(["--profile", str(tmp_path / "p"), "restore", str(bogus)]) == 1
    assert "cannot be restored" in capsys.readouterr().err


def test_spanish_output_with_lang(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    result = run("--lang", "es", "--profile", str(tmp_path / "p"), "restore", str(bogus))
    assert result.returncode == 1
    assert "no se puede restaurar" in result.stderr.lower()


def test_meetings_as_json_with_both_time_zones(tmp_path: Path) -> None:
    import json

    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "preferences.json").write_text(json.dumps({"time_zone": "America/Mexico_City"}))
    result = run("--demo", "--profile", str(profile), "meetings", "--json")
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)
    assert [meeting["first_date"] for meeting in meetings] == [
        "2020-10-06",
        "2021-09-09",
        "2021-10-01",
    ]
    workshop = meetings[0]
    first = workshop["sessions"][0]
    assert first["organiser_time"] == {
        "zone": "America/Costa_Rica",
        "start": "2020-10-06T09:00-06:00",
        "end": "2020-10-06T11:00-06:00",
        "utc_offset": "UTC-06:00",
    }
    assert first["user_time"]["start"] == "2020-10-06T10:00-05:00"
    assert len(first["agenda"]) == 6 and first["agenda"][0]["start"] == "09:00"
    plenary = meetings[1]
    assert plenary["time_zone"] is None and plenary["sessions"][0]["organiser_time"] is None
    assert [session["leads"] for session in plenary["sessions"]] == [
        ["CR", "PA"],
        ["CL", "VE"],
        ["PE"],
        ["US"],
        ["MX"],
        ["AR"],
    ]


def test_workdays_prints_the_due_date_and_its_explanation() -> None:
    result = run(
        "workdays", "--from", "2021-09-30", "--days", "10", "--calendar", "mx", "--explain"
    )
    assert result.returncode == 0, result.stderr
    due, explanation = result.stdout.splitlines()
    assert due == "2021-10-14"
    assert explanation.startswith(
        "10 working days after Thu 30 Sep 2021, Mexico's calendar: Thu 14 Oct 2021"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--days", "0", "--calendar", "MX"], "must be 1 or more"),
        (["--days", "3", "--calendar", "XX"], "Use one of: AR, BO, BR"),
        (["--days", "3", "--calendar", "MX", "--categories", "public,bank"], "has no “bank” days"),
    ],
)
def test_workdays_bad_input(arguments: list[str], message: str) -> None:
    result = run("workdays", "--from", "2021-09-30", *arguments)
    assert result.returncode == 1 and message in result.stderr


def test_workdays_needs_a_real_date() -> None:
    result = run("workdays", "--from", "30/09/2021", "--days", "3", "--calendar", "MX")
    assert result.returncode == 1 and "write it as YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "is not a database URL"),
        ("mysql+pymysql://someone@server/rcm", "needs a driver that is not installed"),
        ("sqlite:////nowhere/at/all/rcm.sqlite3", "cannot be opened"),
    ],
)
def test_bad_database_urls_say_what_is_wrong(tmp_path: Path, url: str, message: str) -> None:
    result = run("--profile", str(tmp_path / "p"), "--database-url", url, "meetings")
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
