# The two commands of the README: `make lab` opens the course, `make test` checks it.
# Both create .venv on first use and reinstall only when pyproject.toml or constraints.txt change.
# `make lab` installs the course and what it runs on, nothing else; `make test` adds the test
# tools, `make lint` the style and type checkers (see CONTRIBUTING.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
# Extra options for JupyterLab, e.g. `make lab LAB_ARGS=--no-browser`.
LAB_ARGS ?=
# Jupyter refuses to run as root unless told; machines such as CI and containers are root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# The first notebook of the course, or the README while there is none yet.
START := $(firstword $(wildcard notebooks/00_*.ipynb) README.md)
# Where `make test-oldest` builds its environment with the oldest supported libraries.
OLDEST := .venv-oldest

.PHONY: lab test lint test-oldest lock clean

lab: $(VENV)/.installed-course
	$(BIN)/jupyter lab $(AS_ROOT) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) $(START)

# The package's tests and doctests, then every notebook and solution against its stored outputs
# (strict nbval), then the generated exercises run top to bottom (lax nbval). Parallel on 2 cores;
# --dist loadfile keeps each notebook's cells on one worker.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval tests journeylab notebooks solutions
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax exercises

# Style (ruff) and types (mypy, lenient: see [tool.mypy] in pyproject.toml).
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check journeylab tests benchmarks conftest.py
	$(BIN)/mypy journeylab

# The suite on the oldest library versions pyproject.toml allows (constraints-oldest.txt), in an
# environment of its own. Notebooks are executed but not compared with their stored outputs.
test-oldest:
	rm -rf $(OLDEST) && $(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints-oldest.txt -e ".[test]"
	mkdir -p $(dir $(OLDEST)/$(LAB_OVERRIDES)) && cp lab-settings/overrides.json $(OLDEST)/$(LAB_OVERRIDES)
	mkdir -p $(dir $(OLDEST)/$(SERVER_CONFIG)) && cp lab-settings/jupyter_server_config.json $(OLDEST)/$(SERVER_CONFIG)
	$(OLDEST)/bin/python -m pip list --format=freeze | grep -iE '^(pandas|numpy|matplotlib|ipywidgets|jupyterlab|papermill)=='
	$(OLDEST)/bin/python -m pytest -n 2 --dist loadfile tests journeylab
	$(OLDEST)/bin/python -m pytest -n 2 --dist loadfile --nbval-lax notebooks solutions exercises

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# lab-settings/overrides.json: JupyterLab settings the course needs (widget messages on the kernel's main
# shell: over a subshell, JupyterLab 4.6 with ipykernel 7.4 now and then loses a click).
LAB_OVERRIDES = share/jupyter/lab/settings/overrides.json
# lab-settings/jupyter_server_config.json: the server extension journeylab.lab_server (kernel messages
# reach the browser without Nagle's 40 ms delay; see that module).
SERVER_CONFIG = etc/jupyter/jupyter_server_config.d/journeylab.json

$(VENV)/.installed-course: pyproject.toml constraints.txt lab-settings/overrides.json lab-settings/jupyter_server_config.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) -e .
	mkdir -p $(dir $(VENV)/$(LAB_OVERRIDES)) && cp lab-settings/overrides.json $(VENV)/$(LAB_OVERRIDES)
	mkdir -p $(dir $(VENV)/$(SERVER_CONFIG)) && cp lab-settings/jupyter_server_config.json $(VENV)/$(SERVER_CONFIG)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-course
	$(PIP) -e ".[test]"
	touch $@

$(VENV)/.installed-lint: $(VENV)/.installed-course
	$(PIP) -e ".[lint]"
	touch $@

# Re-resolve the newest versions allowed by pyproject.toml and pin them in constraints.txt.
lock: | $(BIN)/python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[test,lint]"
	{ sed -n '/^#/p' constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable | grep -vi '^journeylab'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(OLDEST) build dist *.egg-info
