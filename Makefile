# make book  -- build the website into _build/html (from a clean state)
# make test  -- everything CI checks: lint, unit tests, notebooks (nbval), the site in a browser
# make bench -- the performance table, as ratios against scipy and scikit-learn
# make lab   -- JupyterLab on book/ with the project's kernel: work on the
#               practice workbooks (book/practice/) and run the chapters
# Each creates the virtual environment .venv from requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The notebooks' kernel must be this environment's Python, whatever kernels
# the user has installed elsewhere.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter

.PHONY: book test lint unit notebooks site bench lab clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (softmax-tutorial)"
	touch $(STAMP)

book: $(STAMP)
	rm -rf _build
	$(BIN)/jupyter-book build . --path-output . -W -n --keep-going

lint: $(STAMP)
	$(BIN)/ruff check softmax_tutorial tests benchmarks book
	$(BIN)/ruff format --check softmax_tutorial tests benchmarks book

unit: $(STAMP)
	$(BIN)/python -m pytest tests softmax_tutorial --ignore=tests/site --doctest-modules -q

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval book --nbval-sanitize-with book/sanitize.cfg -q

site: book
	$(BIN)/python -m pytest tests/site -q -rs

test: lint unit notebooks site

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Extra options for the server, e.g. make lab LAB_ARGS="--no-browser --port 8890".
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=book $(LAB_ARGS)

clean:
	rm -rf _build .pytest_cache
