#pragma once
// The fuzz targets' invariant check: a broken invariant is a finding, so it aborts (libFuzzer saves
// the input as crash-*) whatever the build type, unlike assert.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                     \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);    \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)
