# make run   — set up everything and serve the demo at http://127.0.0.1:8000
# make test  — run the test suite (uses DATABASE_URL / REDIS_URL when they are set)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install dev run test worker worker-ml beat lint fmt ci clean train-mlp train-bert messages \
	compilemessages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# torch first and pinned: 2.13.0 is the CPU build on local disk; anything looser pulls CUDA.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

dev: install

# Without REDIS_URL, `make run` uses the embedded broker (files under var/broker/) and `serve`
# starts a worker beside the server: no request waits for a model. Links in e-mails follow HOST.
# The demo is loaded first and categorised in that process, in one batch, so that its decided
# tracks confirm or correct real suggestions.
EMBEDDED := $(if $(REDIS_URL),,CELERY_BROKER_URL=filesystem://)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(EMBEDDED) SITE_URL=$${SITE_URL:-http://$(HOST)} $(BIN)/python manage.py serve $(HOST)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A conference worker -Q default --loglevel INFO

worker-ml: install
	$(BIN)/celery -A conference worker -Q ml --concurrency 1 --prefetch-multiplier 1 --loglevel INFO

beat: install
	$(BIN)/celery -A conference beat --loglevel INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Train a version on the demo conference's own decisions (the review queue's confirmed tracks)
# and the examples imported into the database; CONFERENCE=slug for another conference.
CONFERENCE ?= ai-dev-conf
train-mlp: install
	$(BIN)/python manage.py train_categoriser --kind mlp --from-db --conference $(CONFERENCE)

train-bert: install
	$(BIN)/python manage.py train_categoriser --kind bert --from-db --conference $(CONFERENCE)

# Translations (English + Simplified Chinese). `make messages` gathers every marked string into
# locale/zh_Hans/LC_MESSAGES/django.po (Python, templates, e-mails) and djangojs.po (static JS);
# translate the new ones there, then `make compilemessages`. The .mo files are committed, so a
# fresh machine serves Chinese without gettext; tests/test_translations.py fails on a msgid that
# is missing, untranslated or fuzzy, and on a .mo older than its .po. (The test runs the same
# makemessages options: keep the two in step.)
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=bench
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -d django $(MESSAGES_IGNORE) \
		--add-location=file --no-obsolete
	$(BIN)/python manage.py makemessages -l zh_Hans -d djangojs $(MESSAGES_IGNORE) \
		--ignore=static/vendor --add-location=file --no-obsolete

compilemessages: install
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var staticfiles
