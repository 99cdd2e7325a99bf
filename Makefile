# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test update-gold install install-dev bench fuzz docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files so a second `make` does not reinstall.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# sources/cited/ holds the texts of works the demo paper cites: quotations and figures are checked
# against them (--sources), and the folder is not audited itself.
demo: install
	$(BIN)/factcheck audit sources/ --sources sources/cited --out reports/ --fail-on never --quiet
	@echo "HTML reports: reports/index.html. Claim ledger: claims/. Each finding, with its excerpt and fix:"
	@echo "  $(BIN)/factcheck audit sources/ --sources sources/cited"

test: install-dev
	$(BIN)/python -m pytest -q

# Rewrite the golden HTML reports in tests/html/gold/ after an intended change; review the diff.
update-gold: install-dev
	FACTCHECK_UPDATE_GOLD=1 $(BIN)/python -m pytest tests/html -q -k gold

bench: install-dev
	$(BIN)/python bench/speed.py

# The fuzzing campaign: every hypothesis suite of tests/robust/test_fuzz.py (loaders, parsers,
# audit) and tests/robust/test_fuzz_io.py (outputs, side-file readers, the CLI end to end) with
# FUZZ_EXAMPLES random inputs each (14 suites x 7,143 = 100,000 inputs). It prints each suite's
# count of passing examples; `make test` runs the same suites with few examples, new ones each run.
FUZZ_EXAMPLES ?= 7143
fuzz: install-dev
	FACTCHECK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:randomly tests/robust/test_fuzz.py \
		tests/robust/test_fuzz_io.py --hypothesis-show-statistics -p no:cacheprovider
	# ... and the regexes still known to be super-linear, to see whether one has become linear.
	FACTCHECK_REGEX_KNOWN=1 $(BIN)/python -m pytest -q -p no:randomly tests/robust/test_regex_growth.py -rxX

# docs/rules.md is generated from the rule registry; a test checks it is up to date.
docs: install
	$(BIN)/factcheck rules --format markdown > docs/rules.md

clean:
	rm -rf $(VENV) build *.egg-info
