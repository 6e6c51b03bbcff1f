# Two commands do all the set-up on a fresh Linux machine with Python 3.11+:
#   make lab    create .venv if missing, then open the course in JupyterLab
#   make test   create .venv if missing, then run every test (unit, notebooks, browser)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAB_STAMP := $(VENV)/.installed-lab
# matplotlib's font cache holds absolute paths into the venv that wrote it: give each venv its own,
# so that a deleted or rebuilt venv never leaves a cache whose fonts are gone (findfont warnings on stderr)
export MPLCONFIGDIR := $(abspath $(VENV))/matplotlib
TEST_STAMP := $(VENV)/.installed-test

.PHONY: lab test bench figures lint clean notebooks student slides book

# make lab installs what the course needs (lrcore, its dependencies, JupyterLab) and no more;
# make test adds the test and browser tools to the same venv.
$(LAB_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $(LAB_STAMP)

$(TEST_STAMP): $(LAB_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[lab,test,e2e,book]"
	touch $(TEST_STAMP)

# root (containers, CI machines) needs --allow-root; everyone else runs it as is
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/

test: $(TEST_STAMP)
	$(BIN)/ruff check lrcore tests benchmarks tools docs
	PYTHONHASHSEED=0 $(BIN)/python -m pytest

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check lrcore tests benchmarks tools docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

notebooks: $(TEST_STAMP)
	$(BIN)/python tools/run_notebooks.py

student: $(TEST_STAMP)
	$(BIN)/python tools/classroom.py student --out student

# The course website from the saved outputs, offline (MathJax from npm): build/book/_build/html/index.html
book: $(TEST_STAMP)
	$(BIN)/python tools/book.py

slides: $(TEST_STAMP)
	$(BIN)/python tools/classroom.py slides
	$(BIN)/jupyter nbconvert --to slides --output-dir slides notebooks/[0-9]*.ipynb
