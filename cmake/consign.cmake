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

# consign_domain_library(NAME SOURCES ...): pure domain code. It links consign_core only, so a
# domain file that includes Beast, sqlite3.h or libpq fails to build (STYLE.md §1).
function(consign_domain_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC consign_core)
endfunction()
