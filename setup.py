"""Build hook: ship resources/ and compiled gettext catalogs inside the wheel.

The source tree keeps `resources/` and `translations/` at the top level (see the
design card). A wheel must be self-contained, so `build_py` copies the resources
into `rcm_desktop/resources` and compiles every `translations/<lang>/LC_MESSAGES/*.po`
into `rcm_desktop/locale/<lang>/LC_MESSAGES/*.mo` in the build folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def compile_catalogs(source: Path, target: Path) -> None:
    """Compile each .po under *source* into a .mo at the same relative place under *target*."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parts[-3])
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


class BuildWithResources(build_py):
    """build_py that also bundles resources/ and the compiled catalogs."""

    def run(self) -> None:
        super().run()
        package_dir = Path(self.build_lib) / "rcm_desktop"
        resources = package_dir / "resources"
        if resources.exists():
            shutil.rmtree(resources)
        shutil.copytree(HERE / "resources", resources)
        compile_catalogs(HERE / "translations", package_dir / "locale")


setup(cmdclass={"build_py": BuildWithResources})
