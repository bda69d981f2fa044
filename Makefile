# signalwire-typed. Set-up is automatic: every target below installs what it needs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: setup generate check-generated typecheck lint test demo bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

generate: setup
	$(BIN)/python -m codegen

check-generated: setup
	$(BIN)/python -m codegen --check

typecheck: setup
	$(BIN)/mypy --strict sdk generated examples
	$(BIN)/pyright --pythonpath $(BIN)/python examples

lint: setup
	$(BIN)/ruff check sdk codegen tests examples benchmarks
	$(BIN)/ruff format --check sdk codegen tests examples benchmarks

test: setup check-generated typecheck lint
	$(BIN)/pytest

# Each demo part is its own script; they run in this order.
DEMOS := examples/swml_demo.py examples/agents_demo.py examples/ivr_demo.py examples/rest_demo.py

demo: setup
	@for f in $(DEMOS); do $(BIN)/python $$f || exit 1; done

bench: setup
	@for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
