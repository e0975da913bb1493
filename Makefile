# RCM Desk: `make run` opens the app on the demo profile, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
STAMP := $(VENV)/.installed-stamp
DOMAIN := rcm_desktop
POT := translations/$(DOMAIN).pot
LANGUAGES := es fr pt

.PHONY: run test fuzz torture sync-torture lint catalogs extract update-catalogs bench wheel installer installer-test test-postgres clean

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

## Compile the gettext catalogs in place (a wheel or installer compiles its own copy).
catalogs: $(STAMP)
	$(PYBABEL) compile -d translations -D $(DOMAIN) --statistics

run: $(STAMP) catalogs
	$(PY) -m rcm_desktop --demo

test: $(STAMP) catalogs
	$(VENV)/bin/ruff check rcm_desktop tests
	$(PY) -m pytest

## The crash suite: kill writers (services, backups, restores) with SIGKILL, N times (default 50).
N ?= 50
torture: $(STAMP) catalogs
	$(PY) -m tests.torture.run --trials $(N)

## The sync suite: N take-home/bring-back scenarios on a throw-away PostgreSQL (see README).
sync-torture: $(STAMP) catalogs
	@test -n "$$RCM_DESK_TEST_DATABASE_URL" || { echo 'Set RCM_DESK_TEST_DATABASE_URL, e.g. eval "$$(.ci/postgres start)"'; exit 2; }
	$(PY) -m tests.sync_torture.run --scenarios $(N)

## The fuzz suite: N hostile files and N hostile strings through every reader and writer.
fuzz: $(STAMP) catalogs
	$(PY) -m tests.fuzz.run --files $(N) --strings $(N)

## The store tests on PostgreSQL: start one with `eval "$$(.ci/postgres start)"` first.
test-postgres: $(STAMP) catalogs
	@test -n "$$RCM_DESK_TEST_DATABASE_URL" || { echo 'Set RCM_DESK_TEST_DATABASE_URL, e.g. eval "$$(.ci/postgres start)"'; exit 2; }
	$(PY) -m pytest -p no:cacheprovider -q

lint: $(STAMP)
	$(VENV)/bin/ruff check rcm_desktop tests
	$(VENV)/bin/ruff format --check rcm_desktop tests

## Extract every marked string to the template, then merge it into each language's catalog.
extract: $(STAMP)
	$(PYBABEL) extract -F babel.cfg -k N_ -k ngettext:1,2 -k pgettext:1c,2 --no-location --sort-output \
		--project "RCM Desk" --msgid-bugs-address "" --copyright-holder "RCM Desk developers" \
		-o $(POT) rcm_desktop

update-catalogs: extract
	@for lang in $(LANGUAGES); do \
		if [ -f translations/$$lang/LC_MESSAGES/$(DOMAIN).po ]; then \
			$(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -i $(POT) -d translations -D $(DOMAIN) -l $$lang; \
		else \
			$(PYBABEL) init -i $(POT) -d translations -D $(DOMAIN) -l $$lang; \
		fi; \
	done

bench: $(STAMP) catalogs
	$(PY) tests/benchmarks/startup.py

## The one-folder application (dist/rcm-desk/), built by PyInstaller from build_installer.spec.
installer: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[build]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN build_installer.spec
	@du -sh dist/rcm-desk

## Build the installer, then run the frozen app's self-test (what CI does after the suite).
installer-test: installer
	$(PY) -m pytest -p no:cacheprovider tests/installer

wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf build dist *.egg-info translations/*/LC_MESSAGES/*.mo
