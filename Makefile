# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test serve bench audit lock sandbox-reset clean screenshots messages

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamps: reinstall only when a lock changed. requirements.txt and requirements-dev.txt are locks
# (every package, its version and its files' hashes; the dev one includes the runtime one), so a
# fresh clone installs exactly what CI tested, and a file whose hash differs is refused.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# To change a dependency: edit requirements.in (runtime) or requirements-dev.in (tools), then
# `make lock`. uv resolves for every platform and Python 3.11+ (markers where they differ); the
# dev lock is constrained by the runtime lock, so a package in both has one version. Versions
# already in a lock are kept unless an .in file asks otherwise (UV_LOCK_ARGS=--upgrade for all).
UV_VERSION := 0.13.9
LOCK_VENV := var/lock-venv
UV_COMPILE := $(LOCK_VENV)/bin/uv pip compile --quiet --custom-compile-command "make lock" --universal --generate-hashes --python-version 3.11 $(UV_LOCK_ARGS)
lock:
	@[ -x $(LOCK_VENV)/bin/uv ] && $(LOCK_VENV)/bin/uv --version | grep -q ' $(UV_VERSION) ' || \
	  { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q uv==$(UV_VERSION); }
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -c requirements.txt -o requirements-dev.txt

# Translations: each language's .mo compiled from its .po (locale/README.md), when the .po changed.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po | $(VENV)/.runtime
	$(VENV)/bin/pybabel -q compile -i $< -o $@

# After changing or adding strings: extract them again and bring every language's catalogue up to date.
messages: $(VENV)/.dev
	$(VENV)/bin/pybabel extract -F babel.cfg -k gettext_lazy -k ngettext_lazy:1,2 -k pgettext:1c,2 \
	  -k npgettext:1c,2,3 -k pgettext_lazy:1c,2 -c Translators: --no-location --sort-output \
	  --project "LOR Dashboard" -o locale/django.pot .
	$(VENV)/bin/pybabel -q update -D django -d locale -i locale/django.pot --ignore-obsolete
	$(VENV)/bin/pybabel extract -F babel-sandbox.cfg --no-location --sort-output --project "LOR Dashboard sandbox" \
	  -o locale/sandbox.pot .
	$(VENV)/bin/pybabel -q update -D sandbox -d locale -i locale/sandbox.pot --ignore-obsolete

run: $(VENV)/.runtime $(MO)
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	exec $(PY) -m lor_dashboard.run

test: $(VENV)/.dev $(MO)
	$(VENV)/bin/ruff check -q .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

# Production: collect static files (compressed, hashed, cached for a year), then granian
# (lor_dashboard/serve.py: WSGI, WEB_CONCURRENCY processes x WEB_THREADS threads).
serve: export DJANGO_STATIC_MANIFEST = true
serve: $(VENV)/.runtime $(MO)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	exec $(PY) -m lor_dashboard.serve

# Known vulnerabilities in the locked requirements (pip-audit, PyPI's advisory database): any found
# fails with the package and the advisory named. The dev lock holds every package, pinned and hashed,
# so it is audited as written, without installing it into a scratch environment first.
audit: $(VENV)/.dev
	$(VENV)/bin/pip-audit --progress-spinner off --disable-pip -r requirements-dev.txt

# wrk is the load generator (C, so the two cores stay the server's); without it a slower Python one runs.
bench: $(VENV)/.dev $(MO)
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) || true
	$(PY) bench/run.py $(BENCH_ARGS)

# The README's screenshots (docs/screenshots/), from the browser tests' fixtures: run after a UI change.
screenshots: $(VENV)/.dev $(MO)
	$(PY) -m pytest -q tests/browser/screenshots.py

sandbox-reset: $(VENV)/.runtime
	$(PY) -m lor_dashboard.sandbox reset --db var/sandbox.sqlite3

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
