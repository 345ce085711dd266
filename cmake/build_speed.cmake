# Build-time measures: the whole test command (clean build + every test) must fit in 30 minutes on 2 cores.
# Measured on one server test file (g++ 12, its own -ftime-report): 19 s at -O2, of which ~4 s parse the same
# headers every file parses (nlohmann/json, cpp-httplib, doctest) and ~8 s optimise the test's own code.

# Parses nlohmann/json and the common standard headers once per target instead of once per file.
option(TUMEN_WASM_PCH "Precompiled headers in the wasm tree too (em++ 3.1.6 handles them: measured 30-60% less per file)" ON)
function(tumen_precompile_common target)
  if(EMSCRIPTEN AND NOT TUMEN_WASM_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <string> <string_view> <vector> <map> <optional>
                            <memory> <functional> <algorithm> <cstdint> ${ARGN})
endfunction()

# Test executables are compiled without optimisation: their time goes into the libraries they call (built with the
# project's -O2), and -O0 compiles a test file in about 60% of the time. Extra arguments are more headers to
# precompile (e.g. <httplib.h> for the server tests).
function(tumen_test_target target)
  target_compile_options(${target} PRIVATE -O0)
  tumen_precompile_common(${target} ${ARGN})
  # main.cpp defines DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN before it includes doctest: it must not get the header early.
  # For the same reason it stays out of unity batches (CMAKE_UNITY_BUILD): a batch includes doctest before it.
  set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/main.cpp PROPERTIES SKIP_PRECOMPILE_HEADERS ON
                              SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()
