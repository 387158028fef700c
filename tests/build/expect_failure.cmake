# cmake -DCOMMAND=exe;arg;... -DEXPECT=regex -P expect_failure.cmake
# Passes only when COMMAND exits non-zero AND prints EXPECT: proves that a guard fails, and fails for
# the reason it should (a crash or a missing binary does not count).
# Runs with CONSIGN_TEST_PG_URL unset and CONSIGN_TEST_REQUIRE_PG=1: `make test` without a cluster.
unset(ENV{CONSIGN_TEST_PG_URL})
set(ENV{CONSIGN_TEST_REQUIRE_PG} 1)
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "expected a failure, but it passed:\n${out}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "failed (${rc}) without saying /${EXPECT}/:\n${out}")
endif()
message(STATUS "failed as it should (${rc}), saying /${EXPECT}/")
