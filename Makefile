# One command each, on a fresh machine with only Python 3.11+:
#   make demo   set up .venv and run the main job on the built-in corpus
#   make test   set up .venv and run lint + the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint schemas golden bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/policydiff corpus
	$(BIN)/policydiff parse hechuan-2025-draft

test: $(BIN)/.installed lint
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check policydiff cli.py tests bench
	$(BIN)/ruff format --check policydiff cli.py tests bench

schemas: $(BIN)/.installed
	$(BIN)/python -m policydiff.schemas

golden: $(BIN)/.installed
	POLICYDIFF_REGENERATE=1 $(BIN)/pytest tests/test_golden_trees.py
	git diff --stat tests/data

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_parse.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
