# Two commands do all the set-up on a fresh Linux machine with Python 3.11+:
#   make lab    create .venv if missing, then open the course in JupyterLab
#   make test   create .venv if missing, then run every test (unit, notebooks, browser)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test bench figures lint clean notebooks student slides

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test,e2e]"
	touch $(STAMP)

# root (containers, CI machines) needs --allow-root; everyone else runs it as is
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/

test: $(STAMP)
	$(BIN)/ruff check lrcore tests benchmarks tools docs
	PYTHONHASHSEED=0 $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check lrcore tests benchmarks tools docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py

student: $(STAMP)
	$(BIN)/python tools/classroom.py student --out student

slides: $(STAMP)
	$(BIN)/python tools/classroom.py slides
	$(BIN)/jupyter nbconvert --to slides --output-dir slides notebooks/[0-9]*.ipynb
