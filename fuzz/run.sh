#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan, in build-fuzz/) and runs them.
#   fuzz/run.sh test            every target for CONSIGN_FUZZ_RUNS iterations (20000) over its corpus,
#                               as CTest tests (label fuzz); `make test` runs this
#   fuzz/run.sh long [SECONDS]  every target for SECONDS (default 60), then merges the inputs that
#                               reached new code into fuzz/corpus/<target>; `make fuzz` runs this
# A crash leaves its input in build-fuzz/fuzz/artifacts/crash-*; replay it with
# `build-fuzz/fuzz/<target> <file>`. Exit status: 0 when no target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz
mode=${1:-test}

[ -f "$build/build.ninja" ] || cmake --preset fuzz >/dev/null || { echo "fuzz: configuring $build failed"; exit 1; }
cmake --build --preset fuzz || { echo "fuzz: building the fuzz targets failed"; exit 1; }

case "$mode" in
  test)
    exec ctest --test-dir "$build" -L fuzz --output-on-failure
    ;;
  long)
    seconds=${2:-60}
    status=0
    for exe in "$build"/fuzz/fuzz_*; do
      [ -x "$exe" ] && [ -f "$exe" ] || continue
      name=$(basename "$exe")
      corpus=fuzz/corpus/$name
      found=$build/fuzz/found/$name
      rm -rf "$found" && mkdir -p "$found" "$corpus" "$build/fuzz/artifacts"
      dict=()
      [ -f "fuzz/dict/$name.dict" ] && dict=(-dict="fuzz/dict/$name.dict")
      before=$(ls "$corpus" | wc -l)
      echo "fuzz: $name for ${seconds}s"
      if ! "$exe" -max_total_time="$seconds" -timeout=10 -max_len=4096 "${dict[@]}" \
           -artifact_prefix="$build/fuzz/artifacts/" -print_final_stats=1 "$found" "$corpus" \
           >"$build/fuzz/$name.log" 2>&1; then
        status=1
        echo "fuzz: $name FAILED; see $build/fuzz/$name.log and $build/fuzz/artifacts/"
        tail -n 30 "$build/fuzz/$name.log"
        continue
      fi
      grep -E '^stat::number_of_executed_units' "$build/fuzz/$name.log" | sed "s/^/fuzz: $name /"
      # Keep only the inputs that add coverage to what the corpus already reaches.
      "$exe" -merge=1 "$corpus" "$found" >"$build/fuzz/$name.merge.log" 2>&1 ||
        { status=1; echo "fuzz: merging $name's new inputs failed"; continue; }
      echo "fuzz: $name corpus $before -> $(ls "$corpus" | wc -l) inputs"
    done
    [ $status -eq 0 ] && echo "fuzz: no crashes; new corpus inputs (if any) are in fuzz/corpus/, ready to commit"
    exit $status
    ;;
  *)
    echo "usage: fuzz/run.sh test | long [SECONDS]" >&2
    exit 2
    ;;
esac
