#!/usr/bin/env bash
# `make test`: unit tests, API tests on SQLite and on a throwaway PostgreSQL cluster, fuzz targets, browser tests.
# Usage: scripts/test.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
root=$PWD

# In CI warnings are errors (CMakeLists.txt: CONSIGN_WERROR). A fresh build directory gets it from CI=true
# at configure time; one configured earlier without it is switched over and rebuilt here.
if [ -n "${CI:-}" ] && [ "${CI}" != false ] && [ "${CI}" != 0 ] &&
   ! grep -q '^CONSIGN_WERROR:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "test: CI is set: rebuilding $build with CONSIGN_WERROR=ON"
  cmake -S . -B "$build" -DCONSIGN_WERROR=ON >/dev/null && cmake --build "$build" -j2 ||
    { echo "test: the build fails with warnings as errors"; exit 1; }
fi

# The PostgreSQL cases fail, not skip, when CONSIGN_TEST_PG_URL is missing (test_backends.hpp, harness.cpp).
export CONSIGN_TEST_REQUIRE_PG=1
pg_url=$(bash scripts/pg-test-cluster.sh start) || { echo "test: could not start PostgreSQL"; exit 1; }
trap 'bash scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
bouncer_url=$(bash scripts/pg-test-cluster.sh pgbouncer) || { echo "test: could not start PgBouncer"; exit 1; }
export CONSIGN_TEST_PG_URL=$pg_url
export CONSIGN_TEST_PGBOUNCER_URL=$bouncer_url
# PostgreSQL and PgBouncer tests fail rather than skip when their server is missing.
export CONSIGN_TEST_REQUIRE_PG=1
echo "test: PostgreSQL at $CONSIGN_TEST_PG_URL, PgBouncer (transaction pooling) at $CONSIGN_TEST_PGBOUNCER_URL"

failed=0
ctest --test-dir "$build" --output-on-failure -j2 --timeout 900 2>&1 | tee "$build/ctest.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
ctest_line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$build/ctest.log" | tail -1)
ctest_total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$ctest_line")
ctest_failed=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$ctest_line")

# docs/openapi.yaml against Redocly's recommended rules (redocly.yaml, every finding an error); the CLI
# is one of web/'s npm packages (`make web` installs them). A failed lint fails the run.
lint_failed=0
(cd web && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npm run --silent lint:api) 2>&1 | tee "$build/openapi-lint.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { lint_failed=1; failed=1; echo "test: redocly lint of docs/openapi.yaml failed"; }

# Fuzz targets (fuzz/README.md): their own clang build in build-fuzz, a fixed number of runs each; a
# crash fails the run. A build that fails counts as one failed test.
bash fuzz/run.sh test 2>&1 | tee "$build/fuzz.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
fuzz_line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$build/fuzz.log" | tail -1)
if [ -n "$fuzz_line" ]; then
  fuzz_total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$fuzz_line")
  fuzz_failed=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$fuzz_line")
else
  fuzz_total=1 fuzz_failed=1
fi

e2e_pass=0 e2e_fail=0
if [ -f tests/e2e/package.json ]; then
  (cd tests/e2e && { [ -f node_modules/.consign-lock-stamp ] && cmp -s package-lock.json node_modules/.consign-lock-stamp; } ||
    { npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.consign-lock-stamp; })
  CONSIGN_BINARY="$root/$build/src/app/consign" node --test --test-reporter=spec tests/e2e/ 2>&1 | tee "$build/e2e.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
  e2e_pass=$(grep -E '^ℹ pass [0-9]+' "$build/e2e.log" | awk '{print $3}' | tail -1)
  e2e_fail=$(grep -E '^ℹ fail [0-9]+' "$build/e2e.log" | awk '{print $3}' | tail -1)
fi

passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + fuzz_total - fuzz_failed + ${e2e_pass:-0} + 1 - lint_failed ))
nfailed=$(( ${ctest_failed:-0} + fuzz_failed + ${e2e_fail:-0} + lint_failed ))
[ $failed -eq 0 ] || [ $nfailed -gt 0 ] || nfailed=1
echo
echo "tests: $passed passed, $nfailed failed"
exit $failed
