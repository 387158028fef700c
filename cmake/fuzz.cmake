# CONSIGN_FUZZ=ON (the `fuzz` preset): every target in this build directory is compiled with clang's
# coverage instrumentation for libFuzzer plus AddressSanitizer and UBSan, so the project's own parsers
# are both guided and checked; the executables in fuzz/ link libFuzzer's main. Third-party libraries
# (Boost.JSON, Boost.URL, iconv in glibc) come from Debian uninstrumented: the fuzzer is guided by our
# code only. A separate build directory (build-fuzz), never the gcc one.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CONSIGN_FUZZ needs clang (libFuzzer): configure with `cmake --preset fuzz`")
endif()
# UBSan findings abort (a finding the fuzzer only prints is one nobody reads); asserts stay on.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
