# consign_add_test(NAME SOURCES a_test.cpp ... LIBS lib ...)
# One GoogleTest executable registered with CTest. Tests sit beside the code they test.
function(consign_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  # Tests read fixtures kept beside the code (e.g. a module's access_expected.csv).
  target_compile_definitions(${name} PRIVATE CONSIGN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name} --gtest_color=no)
  set_tests_properties(${name} PROPERTIES LABELS unit TIMEOUT 600)
endfunction()

# consign_domain_library(NAME SOURCES ...): pure domain code (STYLE.md §1). It links consign_core
# only, but that alone stops no include: Boost and sqlite3.h are on the system include path. So
# every domain library is recorded here, and the CTest test `domain_includes`
# (tools/check_domain_includes.py, tests/build/) preprocesses each of its sources with its real
# compile command and fails when one reaches Beast, Asio, sqlite3.h, libpq or src/platform.
function(consign_domain_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC consign_core)
  set_property(GLOBAL APPEND PROPERTY CONSIGN_DOMAIN_LIBRARIES ${name})
  # Written once every directory is processed, so sources added to the target later count too.
  get_property(deferred GLOBAL PROPERTY CONSIGN_DOMAIN_MANIFEST_DEFERRED)
  if(NOT deferred)
    set_property(GLOBAL PROPERTY CONSIGN_DOMAIN_MANIFEST_DEFERRED ON)
    cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL _consign_write_domain_manifest)
  endif()
endfunction()

# The manifest the include check reads: one line per domain library, "target<TAB>source dir<TAB>sources".
set(CONSIGN_DOMAIN_MANIFEST ${PROJECT_BINARY_DIR}/consign_domain_libraries.txt)
function(_consign_write_domain_manifest)
  get_property(targets GLOBAL PROPERTY CONSIGN_DOMAIN_LIBRARIES)
  set(content "")
  foreach(target IN LISTS targets)
    string(APPEND content "${target}\t$<TARGET_PROPERTY:${target},SOURCE_DIR>\t$<TARGET_PROPERTY:${target},SOURCES>\n")
  endforeach()
  file(GENERATE OUTPUT ${CONSIGN_DOMAIN_MANIFEST} CONTENT "${content}")
endfunction()
