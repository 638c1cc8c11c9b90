# YAMG — every install and build step lives here, so a fresh machine needs only `make demo` and `make test`.

SWIFT        ?= swift
PREFIX       ?= /usr/local
FUZZ_SECONDS ?= 600
# Debian packages the project builds against (and pkg-config to find them).
APT_PACKAGES := libasound2-dev libfluidsynth-dev libopenblas-dev fluid-soundfont-gm pkg-config python3-numpy
# What the tests need beyond the build: the ALSA VM (../shared/tools/alsa-vm: QEMU, busybox, alsa-utils…),
# systemd-analyze (the unit files are verified), Chromium (the control room's page is tested in a real browser) and
# wrk (the control room's load benchmark).
TEST_PACKAGES := qemu-system-x86 busybox-static alsa-utils kmod cpio xz-utils zstd util-linux gcc libc6-dev systemd \
                 chromium wrk
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
YAMG         := .build/release/yamg
# The model `make demo` plays (trained on ../shared/data/piano; models/README.md says how) and for how long.
DEMO_MODEL   := models/default.safetensors
DEMO_SECONDS ?= 30
DEMO_SEED    ?= 7
DEMO_DIR     ?= demo
# The PyTorch side (python/: yamg_torch, DDP training into yamg model files; bench/torch_peers.py) runs in this venv.
TORCH_VENV   := .build/torch-venv

# Installs the Debian packages of $(1) that are missing (apt-get update only then; no stdin, as root or via sudo).
define apt_install
missing=""; \
for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
	echo "make: installing$$missing"; \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null && \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing </dev/null; \
fi
endef

.PHONY: all deps test-deps python-deps build test demo demo-run fuzz fuzz-smoke bench clean

all: build

## deps: install the Debian packages that are missing (apt-get update only when something must be installed)
deps:
	@$(call apt_install,$(APT_PACKAGES))
	@# The tests check that numpy (python3-numpy above) reads our .npy corpora; a python3 that is not Debian's may lack it.
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install -q numpy </dev/null

## test-deps: what the tests need beyond the build, then the ALSA VM's guest kernel (cached; idempotent). A VM that
## cannot start is not an error here: its tests then say loudly that they did not run. Then the torch venv.
test-deps: python-deps
	@$(call apt_install,$(TEST_PACKAGES))
	@[ -x ../shared/tools/alsa-vm/install.sh ] && ../shared/tools/alsa-vm/install.sh </dev/null \
		|| echo "make test-deps: the ALSA VM is not available; its tests will report that they did not run"

## python-deps: the venv of the PyTorch side, $(TORCH_VENV): a CPU-only torch (without the CUDA packages PyPI's
## wheel pulls in), yamg_torch from python/ (editable) and its pinned dependencies; quick when it is complete
python-deps:
	@python3 python/torch_venv.py >/dev/null </dev/null

## build: the release binary .build/release/yamg
build: deps
	$(SWIFT) build -c release --product yamg

## test: the whole suite (a 20-second fuzz smoke run first, then every Swift test, built optimized: the
## round trips over all the shared data take seconds instead of minutes; then the PyTorch side's tests, which
## use the .build/release/yamg that build made)
test: deps test-deps fuzz-smoke
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release --disable-xctest
	$(TORCH_VENV)/bin/python -m pytest -q python/tests

## demo: build, then play DEMO_SECONDS of the default model through your speakers (FluidSynth via PulseAudio or
## PipeWire, else straight to ALSA); on a machine without sound, render the same session to demo/demo.wav instead.
## Either way demo/demo.mid and demo/demo.svg.
demo: build demo-run

demo-run:
	@rm -rf $(DEMO_DIR)/session && mkdir -p $(DEMO_DIR)/session
	@echo "make demo: yamg perform $(DEMO_MODEL) for $(DEMO_SECONDS) s"
	@played=""; \
	for driver in pulseaudio alsa; do \
		if $(YAMG) perform $(DEMO_MODEL) --fluidsynth --audio-driver $$driver --seconds $(DEMO_SECONDS) --seed $(DEMO_SEED) \
				--record $(DEMO_DIR)/session --log-level warning 2>$(DEMO_DIR)/audio-error.txt; then \
			played=$$driver; break; \
		fi; \
	done; \
	if [ -n "$$played" ]; then \
		echo "make demo: played through your speakers ($$played)"; \
	else \
		echo "make demo: no audio device here ($$(sed -n 's/^yamg perform: FluidSynth //p' $(DEMO_DIR)/audio-error.txt | cut -d';' -f1)); rendering the session to $(DEMO_DIR)/demo.wav instead"; \
		rm -rf $(DEMO_DIR)/session && mkdir -p $(DEMO_DIR)/session; \
		$(YAMG) perform $(DEMO_MODEL) --fluidsynth --audio-driver file --audio-file $(DEMO_DIR)/demo.wav \
			--seconds $(DEMO_SECONDS) --seed $(DEMO_SEED) --record $(DEMO_DIR)/session --log-level warning || exit 1; \
	fi
	@rm -f $(DEMO_DIR)/audio-error.txt
	@mv $(DEMO_DIR)/session/*.mid $(DEMO_DIR)/demo.mid && rmdir $(DEMO_DIR)/session
	@$(YAMG) render $(DEMO_DIR)/demo.mid -o $(DEMO_DIR)/demo.svg >/dev/null
	@$(YAMG) midi info $(DEMO_DIR)/demo.mid | sed -n 2p | sed "s|^ *|make demo: $(DEMO_DIR)/demo.mid: |"
	@echo "make demo: files in $(DEMO_DIR)/:"; ls -1 $(DEMO_DIR) | sed "s|^|    $(DEMO_DIR)/|"
	@echo "make demo: listen with 'aplay $(DEMO_DIR)/demo.wav' (or any audio player), open $(DEMO_DIR)/demo.svg in a browser,"
	@echo "           load $(DEMO_DIR)/demo.mid into a DAW; play live on a machine with sound: $(YAMG) perform $(DEMO_MODEL) --fluidsynth"

## fuzz: libFuzzer over the MIDI reader, then over the control room's JSON of controls, FUZZ_SECONDS each (default
## 600); fails on any crash, hang or leak
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh
	FUZZ_TARGET=ControlsFuzz FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

fuzz-smoke: deps
	FUZZ_SECONDS=20 bash Fuzz/run.sh
	FUZZ_TARGET=ControlsFuzz FUZZ_SECONDS=10 bash Fuzz/run.sh

## bench: yamg side by side with its peers (installs them into a venv under .build/)
bench: build
	python3 bench/parse_peers.py --yamg $(YAMG) ../shared/data/piano

clean:
	rm -rf .build .build-fuzz

# ---- install ---------------------------------------------------------------------------------------------------
# `make install` (PREFIX=/usr/local, DESTDIR for staging) puts yamg, its data, the systemd units and a config in place:
#   $(BINDIR)/yamg
#   $(DATADIR)/yamg/{models,soundfonts,web}/, yamg.toml.example (every key), yamg-user.toml (the user unit's first
#   config); web/ is the control room's page (yamg perform --http)
#   $(SYSTEMD_SYSTEM_UNIT_DIR)/yamg.service, $(SYSTEMD_USER_UNIT_DIR)/yamg.service
#   $(SYSCONFDIR)/yamg/yamg.toml (the system service's config; written only when there is none)
# The unit folders default to $(PREFIX)/lib/systemd/{system,user}: systemd searches /usr/local/lib/systemd and
# /usr/lib/systemd, and leaves /etc/systemd to the administrator's own units and overrides. For another PREFIX
# (/opt/yamg) pass SYSTEMD_SYSTEM_UNIT_DIR=/etc/systemd/system SYSTEMD_USER_UNIT_DIR=/etc/systemd/user.
# `make install-files` does the same without building (the tests use it with YAMG=another binary).
DESTDIR                 ?=
BINDIR                  ?= $(PREFIX)/bin
DATADIR                 ?= $(PREFIX)/share
SYSCONFDIR              ?= /etc
SYSTEMD_SYSTEM_UNIT_DIR ?= $(PREFIX)/lib/systemd/system
SYSTEMD_USER_UNIT_DIR   ?= $(PREFIX)/lib/systemd/user
SUBST_PATHS              = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'
INSTALLED_CONFIG         = $(DESTDIR)$(SYSCONFDIR)/yamg/yamg.toml

.PHONY: install install-files uninstall

## install: build, then install yamg, its data, systemd units and config (PREFIX=/usr/local, DESTDIR=staging root)
install: build install-files

## install-files: install what is built, without building
install-files:
	@test -x $(YAMG) || { echo "make install-files: $(YAMG) is not built (make build, or make install)" >&2; exit 1; }
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/yamg/models $(DESTDIR)$(DATADIR)/yamg/soundfonts $(DESTDIR)$(DATADIR)/yamg/web \
		$(DESTDIR)$(SYSTEMD_SYSTEM_UNIT_DIR) $(DESTDIR)$(SYSTEMD_USER_UNIT_DIR) $(DESTDIR)$(SYSCONFDIR)/yamg
	install -m 755 $(YAMG) $(DESTDIR)$(BINDIR)/yamg
	cp -R models/. $(DESTDIR)$(DATADIR)/yamg/models/
	cp -R soundfonts/. $(DESTDIR)$(DATADIR)/yamg/soundfonts/
	install -m 644 web/* $(DESTDIR)$(DATADIR)/yamg/web/
	install -m 644 systemd/yamg.toml.example $(DESTDIR)$(DATADIR)/yamg/yamg.toml.example
	$(SUBST_PATHS) systemd/yamg-user.toml.in > $(DESTDIR)$(DATADIR)/yamg/yamg-user.toml
	$(SUBST_PATHS) systemd/yamg.service > $(DESTDIR)$(SYSTEMD_SYSTEM_UNIT_DIR)/yamg.service
	$(SUBST_PATHS) systemd/yamg-user.service > $(DESTDIR)$(SYSTEMD_USER_UNIT_DIR)/yamg.service
	chmod 644 $(DESTDIR)$(DATADIR)/yamg/yamg-user.toml $(DESTDIR)$(SYSTEMD_SYSTEM_UNIT_DIR)/yamg.service \
		$(DESTDIR)$(SYSTEMD_USER_UNIT_DIR)/yamg.service
	@if [ -e $(INSTALLED_CONFIG) ]; then \
		echo "make install: kept $(INSTALLED_CONFIG) as it is"; \
	else \
		$(SUBST_PATHS) systemd/yamg.toml.in > $(INSTALLED_CONFIG) && chmod 644 $(INSTALLED_CONFIG) && \
		echo "make install: wrote $(INSTALLED_CONFIG)"; \
	fi
	@echo "make install: done. System service: systemctl daemon-reload && systemctl enable --now yamg"
	@echo "              User service:   systemctl --user daemon-reload && systemctl --user enable --now yamg"

## uninstall: remove what install put in place (the config only while it is unchanged; recordings stay)
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yamg $(DESTDIR)$(SYSTEMD_SYSTEM_UNIT_DIR)/yamg.service \
		$(DESTDIR)$(SYSTEMD_USER_UNIT_DIR)/yamg.service
	rm -rf $(DESTDIR)$(DATADIR)/yamg
	@if [ -e $(INSTALLED_CONFIG) ]; then \
		if $(SUBST_PATHS) systemd/yamg.toml.in | cmp -s - $(INSTALLED_CONFIG); then \
			rm -f $(INSTALLED_CONFIG); rmdir $(DESTDIR)$(SYSCONFDIR)/yamg 2>/dev/null || true; \
		else \
			echo "make uninstall: kept $(INSTALLED_CONFIG): it has your changes"; \
		fi; \
	fi
