# One command each, on a fresh machine with only Python 3.11+:
#   make demo   set up .venv; on the built-in corpus: diff the Hechuan draft and final, compare plans, find relatives
#   make test   set up .venv and run lint + the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint schemas golden bench eval check-install clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# diff exits 1 when it finds differences (like diff(1)); that is the expected outcome here
demo: $(BIN)/.installed
	$(BIN)/policydiff corpus
	$(BIN)/policydiff diff hechuan-2025-draft hechuan-2025-final; [ $$? -le 1 ]
	$(BIN)/policydiff compare hechuan-2025-draft wuxi-2022 chongqing-mca-2025-reply city-2022-yilaoyixiao
	$(BIN)/policydiff related corpus --top 3

test: $(BIN)/.installed lint
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check policydiff cli.py tests bench
	$(BIN)/ruff format --check policydiff cli.py tests bench
	$(BIN)/mypy policydiff cli.py

# the development set's scores (../shared/devset, when present): parse, the annotated revision pairs
# and counterpart families, and the YAML of every document checked against schemas/
DEVSET := ../shared/devset
SCORE  := POLICYDIFF=$(BIN)/policydiff $(BIN)/python ../shared/tools/score.py
eval: $(BIN)/.installed
	@if [ ! -d $(DEVSET) ]; then echo "no $(DEVSET): nothing to evaluate"; exit 0; fi; \
	set -e; \
	$(SCORE) parse dev; \
	for pair in "hechuan-2025-draft hechuan-2025-final $(DEVSET)/gold/hechuan-alignment.yaml" \
	  "shanghai-2020-nongcun-gonglu chongming-2021-nongcun-gonglu $(DEVSET)/gold/nongcun-gonglu-alignment.yaml" \
	  "shanghai-2023-chengshi-gengxin-guihua-ziyuan-shixing shanghai-2025-chengshi-gengxin-guihua-ziyuan $(DEVSET)/gold/chengshi-gengxin-alignment.yaml"; do \
	  set -- $$pair; echo "diff $$1 -> $$2:"; $(SCORE) diff $$1 $$2 $$3 | tail -1; \
	done; \
	for fam in cross-pairs nongcun-cross baoshan-shenghuo-laji-cross qingpu-jianzhu-laji-cross huangpu-kezaisheng-cross; do \
	  echo "compare $$fam:"; $(SCORE) compare $(DEVSET)/gold/$$fam.yaml | tail -1; \
	done; \
	$(BIN)/python bench/validate_devset.py $(DEVSET)/docs

check-install: $(BIN)/.installed
	bash .ci/check-install

schemas: $(BIN)/.installed
	$(BIN)/python -m policydiff.schemas

golden: $(BIN)/.installed
	POLICYDIFF_REGENERATE=1 $(BIN)/pytest tests/test_golden_trees.py
	git diff --stat tests/data

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_diff.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
