# Netra: `make run` serves the demo site; `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/netra
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: bench load faults security run test setup setup-test system-deps lint check test-sqlite test-postgres postgres messages worker clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Debian packages: gettext compiles translations; Chromium drives the browser tests.
system-deps:
	@need=""; command -v msgfmt >/dev/null || need="$$need gettext"; \
	/sbin/ldconfig -p | grep -q libpango-1.0.so || need="$$need libpango-1.0-0 libpangoft2-1.0-0"; \
	/sbin/ldconfig -p | grep -q libharfbuzz-subset.so || need="$$need libharfbuzz-subset0"; \
	fc-list 2>/dev/null | grep -qi dejavu || need="$$need fonts-dejavu-core"; \
	if [ -n "$(WITH_BROWSER)" ]; then command -v chromium >/dev/null || need="$$need chromium"; fi; \
	if [ -n "$$need" ]; then \
	  echo "Installing Debian packages:$$need"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; \
	fi

messages: system-deps $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

setup: $(VENV)/.installed messages

# Beside the server: the task worker, and Wagtail's publish_scheduled once a minute, so pages
# with a go-live date (regulation updates) go live on time; production runs it from cron.
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@# Search finds the demo pages at once, without waiting for the worker's index jobs.
	$(MANAGE) update_index >/dev/null
	$(MANAGE) seal_keygen
	@echo "Netra on http://127.0.0.1:8000 (accounts in README.md); Ctrl-C stops it."
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) db_worker & \
	while sleep 60; do $(MANAGE) publish_scheduled >/dev/null; done & \
	$(MANAGE) runserver 127.0.0.1:8000

worker: setup
	$(MANAGE) db_worker

# The production topology on this machine (docs/deployment.md): nginx with TLS on :8443 in
# front of gunicorn, PostgreSQL (database netra_prod), Redis, two task workers. Ctrl-C stops
# it all; `make prod-local-stop` does too from another terminal.
.PHONY: prod-local prod-local-stop
prod-local: setup
	@deploy/prod-local.sh start
	@echo "Demo accounts (password Demo-Netra-2026; README.md has them all):"
	@echo "  learner rina.wulandari@wiratama.example, HR agus.setiawan@wiratama.example and admin"
	@echo "  (both ask for a code: oathtool --totp -b NETRADEMOWIRATAMAKOTASDMADMIN234)."
	@echo "Open https://127.0.0.1:8443 (self-signed certificate). Logs follow; Ctrl-C stops everything."
	@trap 'deploy/prod-local.sh stop' EXIT; trap 'exit 0' INT TERM; deploy/prod-local.sh logs

prod-local-stop:
	@deploy/prod-local.sh stop

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

test-sqlite: setup
	DATABASE_URL=sqlite:///$(CURDIR)/.test-db.sqlite3 MEDIA_ROOT=$(CURDIR)/.test-media/sqlite $(BIN)/pytest

# Browser tests already ran on SQLite; here the point is the database, so skip them.
test-postgres: setup postgres
	DATABASE_URL=$(PG_URL) MEDIA_ROOT=$(CURDIR)/.test-media/postgres $(BIN)/pytest -m "not browser" -n 2

# The two suites run side by side, each with its own database and media folder (the
# PostgreSQL one in two xdist processes, one test database each: it waits on the server
# more); --output-sync keeps each suite's report in one piece.
test: WITH_BROWSER=1
test: setup lint check
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .test-media db.sqlite3 .test-db.sqlite3

# The benchmarks' peers (the `bench` extra), on top of what `setup` installs.
$(VENV)/.installed-bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $@

bench: setup $(VENV)/.installed-bench
	$(PY) bench/module_page.py
	$(PY) bench/quiz_answer.py
	@# The hot paths over HTTP: wrk drives gunicorn, pgbench runs the quiz answer's SQL.
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(MAKE) --no-print-directory postgres && $(PY) bench/hotpath.py
	$(PY) bench/pdf_seal.py
	$(PY) bench/certificate_pdf.py
	$(MAKE) --no-print-directory postgres && $(PY) bench/certificate_queue.py
	# rollup.py also runs bench/roster_import.py (100,000-row CSV and XLSX imports).
	$(MAKE) --no-print-directory postgres && $(PY) bench/rollup.py

# Deadline day against the production topology (deploy/prod-local.sh) on a throw-away
# database: the mix ramping to 200 users, then a city of 7,000 at once (bench/load/run.py).
$(VENV)/.installed-load: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,load]"
	touch $@

load: setup postgres $(VENV)/.installed-load
	$(PY) bench/load/run.py --scenario ramp
	$(PY) bench/load/run.py --scenario city

# Faults under load (bench/faults.py). It restarts and freezes this machine's PostgreSQL:
# run it when nothing else uses the server.
faults: setup postgres $(VENV)/.installed-load
	$(PY) bench/faults.py all

# The slow half of the security suite: bandit and the local semgrep rules, then sign-in
# brute force across gunicorn workers behind nginx (the fast half runs in `make test`).
$(VENV)/.installed-security: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,security]"
	touch $@

security: setup postgres $(VENV)/.installed-security
	bench/security/static.sh
	$(PY) bench/security/bruteforce.py --start-stack
