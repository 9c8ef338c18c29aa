# Two commands for a newcomer: `make run` serves the demo portal, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint messages bench bench-sla bench-search bench-notify bench-dashboard bench-metrics bench-login bench-open311 bench-federation bench-email-intake bench-reorganise bench-backup bench-migrations audit clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

## run: install, migrate the embedded SQLite database, load the demo data, serve on http://127.0.0.1:8000
run: $(INSTALLED)
	$(BIN)/caunoi db upgrade
	$(BIN)/caunoi demo load
	$(BIN)/caunoi run

## test: lint, architecture contract, then the whole suite (SQLite, PostgreSQL, Redis, Chromium)
test: lint
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench alembic
	$(BIN)/ruff format --check src tests bench alembic
	$(BIN)/lint-imports

## messages: add new msgids to the Vietnamese catalog (then translate the empty ones)
messages: $(INSTALLED)
	$(BIN)/python -c 'from feedback.i18n import update_catalog; update_catalog()'

## bench: intake throughput against PostgreSQL (needs wrk: apt-get install wrk)
bench: $(INSTALLED)
	$(BIN)/python bench/intake.py

## bench-sla: the escalation scan over 1,000,000 open tickets in PostgreSQL
bench-sla: $(INSTALLED)
	$(BIN)/python bench/sla_scan.py

## bench-search: search over 200,000 published Q&A and a 5,000-ticket inbox, in PostgreSQL
bench-search: $(INSTALLED)
	$(BIN)/python bench/search.py

## bench-notify: 100,000 pending notifications to an SMTP sink through two workers, PostgreSQL and Redis
bench-notify: $(INSTALLED)
	$(BIN)/python bench/notify.py

## bench-metrics: GET /metrics over 100,000 questions and 300,000 deliveries, in PostgreSQL
bench-metrics: $(INSTALLED)
	$(BIN)/python bench/metrics_scrape.py

## bench-dashboard: the dashboard over 1,000,000 questions and a month's XLSX export, in PostgreSQL
bench-dashboard: $(INSTALLED)
	$(BIN)/python bench/dashboard.py

## bench-login: /healthz latency while 20 staff logins (argon2) arrive at once, embedded mode
bench-login: $(INSTALLED)
	$(BIN)/python bench/login_burst.py

## bench-open311: GET requests.json with each filter over 1,000,000 tickets, POST requests.json against the API (needs wrk)
bench-open311: $(INSTALLED)
	$(BIN)/python bench/open311.py

## bench-federation: 10,000 forwards drained to a peer portal and to a loopback server against 10,000 emails; signed callbacks' latency
bench-federation: $(INSTALLED)
	$(BIN)/python bench/federation.py

## bench-email-intake: 10,000 messages waiting in a Dovecot mailbox become tickets through two workers, PostgreSQL and Redis
bench-email-intake: $(INSTALLED)
	$(BIN)/python bench/email_intake.py

## bench-reorganise: the merge of two departments holding 100,000 questions, in PostgreSQL (target < 30 s)
bench-reorganise: $(INSTALLED)
	$(BIN)/python bench/reorganise.py

## bench-backup: backup and restore of 100,000 questions in PostgreSQL and 1,000 uploaded files
bench-backup: $(INSTALLED)
	$(BIN)/python bench/backup.py

## bench-migrations: every migration on 1,000,000 tickets in PostgreSQL while a ticket arrives every 100 ms (longest stall < 3 s)
bench-migrations: $(INSTALLED)
	$(BIN)/python bench/migrations_lock.py

## audit: pip-audit over the pinned dependencies of pyproject.toml (needs the vulnerability service; a release step)
audit: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[audit]'
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' > $(VENV)/audit-requirements.txt
	$(BIN)/pip-audit --strict --progress-spinner off --requirement $(VENV)/audit-requirements.txt

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
