# The two commands of the README: `make lab` opens the course, `make test` checks it.
# Both create .venv on first use and reinstall only when pyproject.toml or constraints.txt change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Extra options for JupyterLab, e.g. `make lab LAB_ARGS=--no-browser`.
LAB_ARGS ?=
# Jupyter refuses to run as root unless told; machines such as CI and containers are root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# The first notebook of the course, or the README while there is none yet.
START := $(firstword $(wildcard notebooks/00_*.ipynb) README.md)

.PHONY: lab test lock clean

lab: $(INSTALLED)
	$(BIN)/jupyter lab $(AS_ROOT) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) $(START)

# The package's tests and doctests, then every notebook and solution against its stored outputs
# (strict nbval), then the generated exercises run top to bottom (lax nbval). Parallel on 2 cores;
# --dist loadfile keeps each notebook's cells on one worker.
test: $(INSTALLED)
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval tests journeylab notebooks solutions
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax exercises

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# Re-resolve the newest versions allowed by pyproject.toml and pin them in constraints.txt.
lock: | $(BIN)/python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	{ sed -n '/^#/p' constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable | grep -vi '^journeylab'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info
