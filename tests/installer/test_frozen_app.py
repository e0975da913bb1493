"""The frozen one-folder app (built by `make installer`) runs its self-test with no Python around it.

Run by `.ci/run` after the main suite (`make installer-test`); not collected by `make test`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = (
    ROOT / "dist" / "rcm-desk" / ("rcm-desk.exe" if sys.platform == "win32" else "rcm-desk")
)


@pytest.fixture(scope="module")
def frozen() -> Path:
    if not EXECUTABLE.exists():
        pytest.fail(f"{EXECUTABLE} is missing: run `make installer` first")
    return EXECUTABLE


def _clean_environment(tmp_path: Path) -> dict[str, str]:
    """No virtual environment, no PYTHONPATH: the app must bring everything it needs."""
    keep = ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")
    environment = {key: os.environ[key] for key in keep if key in os.environ}
    environment.update(
        QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data")
    )
    return environment


def test_frozen_self_test_passes(frozen: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(frozen), "self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=_clean_environment(tmp_path),
        cwd=tmp_path,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Print a briefing pack" in result.stdout and "All checks passed." in result.stdout


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="no display server")
def test_frozen_self_test_draws_offscreen_without_a_display(frozen: Path, tmp_path: Path) -> None:
    """No DISPLAY and no QT_QPA_PLATFORM: it drew offscreen (it used to abort), nothing left."""
    environment = _clean_environment(tmp_path)
    del environment["QT_QPA_PLATFORM"]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment["TMPDIR"] = str(temporary)
    result = subprocess.run(
        [str(frozen), "--lang", "en", "self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "there is no display, so it drew offscreen" in result.stdout
    assert list(temporary.iterdir()) == []


def test_frozen_app_speaks_spanish_and_lists_demo_meetings(frozen: Path, tmp_path: Path) -> None:
    environment = _clean_environment(tmp_path)
    result = subprocess.run(
        [str(frozen), "--lang", "es", "--demo", "--profile", str(tmp_path / "p"), "deadlines"],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert "2021-10-14" in result.stdout
    bad = subprocess.run(
        [
            str(frozen),
            "--lang",
            "es",
            "workdays",
            "--from",
            "2021-09-30",
            "--days",
            "0",
            "--calendar",
            "MX",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert bad.returncode != 0 and "rcm-desktop: error:" in bad.stderr


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
def test_frozen_app_fills_an_organisers_form(frozen: Path, tmp_path: Path, kind: str) -> None:
    """python-docx, openpyxl and pypdf travel with the app (a form of each kind is filled)."""
    from tests.test_forms import _fillable_pdf, _sheet_with_title, _word_table

    makers = {
        "docx": lambda path: _word_table(path, ["Nombre completo", "Cargo", "Correo"], 1),
        "xlsx": _sheet_with_title,
        "pdf": lambda path: _fillable_pdf(path, participants=3),
    }
    form = makers[kind](tmp_path / f"form.{kind}")
    out = tmp_path / f"filled.{kind}"
    result = subprocess.run(
        [
            str(frozen),
            "--demo",
            "--profile",
            str(tmp_path / "p"),
            "fill-form",
            str(form),
            "--meeting",
            "1",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=_clean_environment(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "3 participants written" in result.stdout and out.stat().st_size > 0


def test_frozen_folder_is_small_enough() -> None:
    size = sum(
        path.stat().st_size
        for path in EXECUTABLE.parent.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    print(f"dist/rcm-desk: {size / 1e6:.1f} MB")
    # Qt is 84 MB of it; filling organisers' Word forms (#19) brought lxml (python-docx's
    # parser, 6 MB once its unused parts are left out), openpyxl and pypdf. The handover
    # archive (#18) brought cryptography: 11.6 MB of Rust bindings with OpenSSL inside.
    assert size <= 178 * 1024 * 1024


def test_frozen_app_runs_on_postgresql(frozen: Path, tmp_path: Path) -> None:
    """The bundled driver reaches a PostgreSQL server (CI passes one in RCM_DESK_FROZEN_PG_URL)."""
    url = os.environ.get("RCM_DESK_FROZEN_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server given (RCM_DESK_FROZEN_PG_URL)")
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    admin = sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text("DROP DATABASE IF EXISTS frozen_app WITH (FORCE)"))
        connection.execute(sa.text("CREATE DATABASE frozen_app"))
    admin.dispose()
    target = make_url(url).set(database="frozen_app").render_as_string(hide_password=False)
    result = subprocess.run(
        [
            str(frozen),
            "--demo",
            "--profile",
            str(tmp_path / "p"),
            "--database-url",
            target,
            "meetings",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=_clean_environment(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_frozen_app_hands_over_and_opens_the_archive(frozen: Path, tmp_path: Path) -> None:
    """The dossier is printed, and the archive (cryptography's scrypt and AES-GCM, bundled)
    is written and opened as a new profile."""
    environment = _clean_environment(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("una frase para el sucesor\n", "utf-8")
    archive = tmp_path / "traspaso.rcmhandover"

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(frozen), *arguments],
            capture_output=True,
            text=True,
            timeout=300,
            env=environment,
        )

    made = run(
        "--demo", "--profile", str(tmp_path / "p"), "handover", "-o", str(tmp_path / "d.pdf"),
        "--archive", str(archive), "--passphrase-file", str(secret),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "d.pdf").stat().st_size > 10_000 and archive.is_file()
    opened = run(
        "--profile", str(tmp_path / "q"), "open-handover", str(archive),
        "--passphrase-file", str(secret), "--name", "Luis Sucesor",
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "q" / "rcm-desk.sqlite3").is_file()
