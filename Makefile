# Storyline: `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/seeds
STAMP  := $(VENV)/.installed

.PHONY: setup perl demo test bench check clean

setup: $(STAMP) perl

# ROUGE-1.5.5 (storyline eval --rouge perl, and its tests) runs on Debian's Perl with XML::Parser and DB_File;
# installed only when missing (CI runs as root on Debian).
perl:
	@perl -MXML::Parser -MDB_File -e1 2>/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq perl libxml-parser-perl)

# torch is installed first, pinned, so pip takes the CPU build on this machine's disk
# and sentence-transformers does not pull a CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[full,eval,dev,web,ray]'
	touch $(STAMP)

demo: setup
	HF_HUB_OFFLINE=1 $(BIN)/storyline brief $(SEEDS)

test: setup
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

bench: setup
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python bench/run.py

check: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
