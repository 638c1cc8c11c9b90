# YAMG — every install and build step lives here, so a fresh machine needs only `make demo` and `make test`.

SWIFT        ?= swift
PREFIX       ?= /usr/local
FUZZ_SECONDS ?= 600
# Debian packages the project builds against (and pkg-config to find them).
APT_PACKAGES := libasound2-dev libfluidsynth-dev libopenblas-dev fluid-soundfont-gm pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
YAMG         := .build/release/yamg
DEMO_MIDI    := Tests/Fixtures/bach-bwv289.mid

.PHONY: all deps build test demo fuzz fuzz-smoke bench clean

all: build

## deps: install the Debian packages that are missing (apt-get update only when something must be installed)
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing </dev/null; \
	fi
	@# The tests check that numpy reads our .npy corpora.
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install -q numpy </dev/null

## build: the release binary .build/release/yamg
build: deps
	$(SWIFT) build -c release --product yamg

## test: the whole suite (a 20-second fuzz smoke run first, then every Swift test, built optimized: the
## round trips over all the shared data take seconds instead of minutes)
test: deps fuzz-smoke
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release --disable-xctest

## demo: build, then show what yamg reads in a small MIDI file shipped in the repo
demo: build
	$(YAMG) midi info $(DEMO_MIDI)

## fuzz: libFuzzer over the MIDI reader for FUZZ_SECONDS (default 600); fails on any crash, hang or leak
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

fuzz-smoke: deps
	FUZZ_SECONDS=20 bash Fuzz/run.sh

## bench: yamg side by side with its peers (installs them into a venv under .build/)
bench: build
	python3 bench/parse_peers.py --yamg $(YAMG) ../shared/data/piano

clean:
	rm -rf .build .build-fuzz
