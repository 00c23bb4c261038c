# make book  -- build the website into _build/html, with its PDF edition (from a clean state)
# make pdf   -- build only the PDF edition: _build/latex/softmax-regression.pdf
# make test  -- everything CI checks: lint, unit tests, notebooks (nbval), the site in a
#               browser, the PDF
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

PDF := _build/latex/softmax-regression.pdf

.PHONY: book pdf test lint unit notebooks site bench lab clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (softmax-tutorial)"
	touch $(STAMP)

# The PDF first: the site links to it only if it exists (book/_ext/pdf_edition.py).
# Without TeX Live the site is built without the PDF, and the PDF tests skip.
book: $(STAMP)
	rm -rf _build
	@if command -v xelatex >/dev/null; then $(MAKE) --no-print-directory pdf; \
	else echo "make book: xelatex not found, so no PDF edition (README: system packages)"; fi
	rm -rf _build/.doctrees _build/jupyter_execute
	$(BIN)/jupyter-book build . --path-output . -W -n --keep-going

# Each builder reads the sources afresh: the LaTeX builder's transforms run at
# read time, so doctrees read for HTML would not do. LATEXOPTS: stop at the
# first LaTeX error instead of waiting for input at the terminal.
pdf: $(STAMP)
	@command -v xelatex >/dev/null || { echo "make pdf needs TeX Live: see the README's system packages"; exit 1; }
	rm -rf _build/latex _build/.doctrees _build/jupyter_execute
	LATEXOPTS="-interaction=nonstopmode -halt-on-error" \
	    $(BIN)/jupyter-book build . --builder pdflatex --path-output . -W -n --keep-going
	@if [ -d _build/html ]; then cp $(PDF) _build/html/; fi

lint: $(STAMP)
	$(BIN)/ruff check softmax_tutorial tests benchmarks book scripts
	$(BIN)/ruff format --check softmax_tutorial tests benchmarks book scripts

unit: $(STAMP)
	$(BIN)/python -m pytest tests softmax_tutorial --ignore=tests/site --ignore=tests/pdf \
	    --doctest-modules -q

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval book --nbval-sanitize-with book/sanitize.cfg -q

# The built outputs: the site in a browser, and the PDF.
site: book
	$(BIN)/python -m pytest tests/site tests/pdf -q -rs

test: lint unit notebooks site

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Extra options for the server, e.g. make lab LAB_ARGS="--no-browser --port 8890".
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=book $(LAB_ARGS)

clean:
	rm -rf _build .pytest_cache
