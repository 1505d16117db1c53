# Tenantry: `make run` serves the API, `make test` runs every check CI runs.
# Needs only Python 3.11+; everything else (packages, PostgreSQL) is installed here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SOURCES := src tests scripts migrations bench

.PHONY: install run worker test test-citus lint typecheck contracts compliance pytest fuzz format migrate bench bench-flood bench-scale profile clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Tenantry needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/tenantry serve

# A relay worker on its own (make run already starts RELAY_WORKERS of them beside the API).
worker: install
	$(BIN)/tenantry worker

migrate: install
	$(BIN)/tenantry migrate

test: lint typecheck contracts compliance pytest

lint: install
	$(BIN)/black --check --quiet $(SOURCES)
	$(BIN)/isort --check-only --quiet $(SOURCES)
	$(BIN)/flake8 $(SOURCES)

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

compliance: install
	$(BIN)/python scripts/check_uuid_compliance.py
	$(BIN)/python scripts/check_size_limits.py

pytest: install
	$(BIN)/pytest

# The whole suite on a three-node Citus cluster built on loopback from a scratch copy of the
# embedded PostgreSQL plus the Citus kit (CITUS_KIT, default below), torn down after.
# Not part of `make test`; .ci/run runs it when the kit is present. See docs/scale-out.md.
CITUS_KIT ?= ../shared/citus/citus-14.0.1-pg18-linux-x86_64.tar.gz
CITUS_CONTRACT_SECONDS ?= 60
test-citus: install
	CITUS_KIT=$(abspath $(CITUS_KIT)) CONTRACT_SECONDS=$(CITUS_CONTRACT_SECONDS) \
		$(BIN)/python -m tests.citus test

# The OpenAPI contract test (schemathesis, every phase and check) run longer than in
# `make test`: FUZZ_SECONDS (default 900) of generated requests. See docs/api-conventions.md.
FUZZ_SECONDS ?= 900
fuzz: install
	CONTRACT_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest -p no:cacheprovider tests/contract

# Benchmark (not part of `make test`; needs wrk: apt-get install -y wrk). See docs/performance.md.
bench: install
	$(BIN)/python bench/run.py

# The scale curve: p50 of the single read and the 50-row page from 10,000 to 1,000,000 orders
# and from 2 to 1,000 tenants, with EXPLAIN of every order read (about 25 minutes; needs wrk).
# SCALE_ARGS=--quick stops at 100,000 orders and 100 tenants. See bench/README.md.
SCALE_ARGS ?=
bench-scale: install
	$(BIN)/python bench/scale.py $(SCALE_ARGS)

# A login flood beside a normal read (about 6 minutes; needs wrk too). See docs/performance.md.
bench-flood: install
	$(BIN)/python bench/login_flood.py

# Where the API's time goes under the benchmark's load: py-spy on the API process, a table per
# target in bench/results/profile-<target>.txt (about 2 minutes; needs wrk). See bench/README.md.
PROFILE_TARGETS ?= api-get,api-list,api-create
PROFILE_SECONDS ?= 15
profile: install
	$(BIN)/python bench/profile.py --targets $(PROFILE_TARGETS) --seconds $(PROFILE_SECONDS)

format: install
	$(BIN)/isort --quiet $(SOURCES)
	$(BIN)/black --quiet $(SOURCES)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .import_linter_cache
