# The command surface: the README, CI and people call the same targets.
# Everything builds in the release profile only: HiGHS is compiled from source, once per profile.

CARGO ?= cargo
EXAMPLE ?= examples/tyreso-2013/portfolio.json
# The demo's plan in 10 s on two threads (BENCHMARKS.md compares it with 5 s and 60 s).
# `make demo TIME_LIMIT=60` for the 60 s plan.
TIME_LIMIT ?= 10
THREADS ?= 2

.PHONY: demo test deps setup-test build lint rust-test doc python-test report-test bench-j30 fuzz

## demo: build and plan the Tyresö 2013-2014 example.
demo: deps
	$(CARGO) run --release -q -p leverans-cli -- plan $(EXAMPLE) --time-limit $(TIME_LIMIT) --threads $(THREADS)

## test: every check and test (Rust, the report in a browser, then the Python package and its
## notebook: the report check installs Chromium first, which the notebook's check also uses).
test: setup-test deps lint rust-test doc report-test python-test

## deps: install the system packages the build needs where they are missing (scripts/system-deps.sh).
deps:
	@./scripts/system-deps.sh

## setup-test: the set-up detection itself, against fake library folders (scripts/test-deps.sh).
setup-test:
	@./scripts/test-deps.sh

build: deps
	$(CARGO) build --release --workspace --all-targets

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --workspace --all-targets -- -D warnings

rust-test: deps
	$(CARGO) test --release --workspace

python-test: deps
	CARGO_BUILD_JOBS=$$(nproc) ./python/run-tests.sh

## report-test: the Tyresö plan report opened in headless Chromium (scripts/report-test.sh).
report-test: deps
	./scripts/report-test.sh

doc: deps
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --release --workspace --no-deps

## bench-j30: the j30 sample (every 8th instance) at 10 s each; writes target/j30-sample.csv.
bench-j30: deps
	$(CARGO) run --release -p leverans-benches --bin psplib_sample -- --set j30 --every 8 --time-limit 10 --out target/j30-sample.csv

## fuzz: every reader of the core fuzzed for FUZZ_SECONDS each (default 600), one after the
## other, with a fresh seed (core/tests/fuzz.rs; `make test` runs a short fixed-seed round).
FUZZ_SECONDS ?= 600
fuzz: deps
	LEVERANS_FUZZ_SECONDS=$(FUZZ_SECONDS) $(CARGO) test --release -p leverans --test fuzz -- --test-threads=1 --nocapture
