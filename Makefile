# The whole set-up on a fresh Debian 12 machine: `make run` and `make test`.
# Everything a target needs is installed by scripts/install-deps.sh (idempotent).

BUILD_DIR  := build
CONSIGN    := $(BUILD_DIR)/src/app/consign
DATA_DIR   ?= data
DB         ?= sqlite:$(DATA_DIR)/consign.db
LISTEN     ?= 127.0.0.1:8080
FUZZ_TIME  ?= 60

.PHONY: all deps build web run test bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@bash scripts/refdata.sh
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset default
	cmake --build --preset default

web: deps
	@bash scripts/build-web.sh

run: build web
	@bash scripts/run.sh "$(CONSIGN)" "$(DB)" "$(LISTEN)" "$(DATA_DIR)"

test: build web
	@bash scripts/test.sh "$(BUILD_DIR)"

bench: build
	@bash bench/run.sh "$(BUILD_DIR)"

# Every libFuzzer target for FUZZ_TIME seconds (clang build in build-fuzz), new inputs merged into
# fuzz/corpus/ (fuzz/README.md). `make test` runs them briefly.
fuzz: deps
	@bash fuzz/run.sh long "$(FUZZ_TIME)"

clean:
	rm -rf $(BUILD_DIR) web/dist
