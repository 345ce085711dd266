# Header-only libraries (nlohmann/json, doctest) for both toolchains.
# em++ uses its own sysroot and must never see /usr/include (glibc headers leak in), so the wasm tree gets a
# folder holding only symlinks to the header-only libraries (TOOLCHAIN.md).
add_library(tumen_header_deps INTERFACE)
if(EMSCRIPTEN)
  set(_shim ${CMAKE_BINARY_DIR}/wasm-include)
  file(MAKE_DIRECTORY ${_shim})
  foreach(_lib nlohmann doctest)
    if(NOT EXISTS ${_shim}/${_lib})
      file(CREATE_LINK /usr/include/${_lib} ${_shim}/${_lib} SYMBOLIC)
    endif()
  endforeach()
  target_include_directories(tumen_header_deps SYSTEM INTERFACE ${_shim})
  # One exception model for every wasm target (compile and link): nlohmann::json reports errors by throwing.
  # WebAssembly's own exceptions, not Emscripten's JavaScript ones: with those, every call that may unwind through
  # a destructor leaves the wasm through a JS `invoke_*` trampoline (half of the board's first frame, issue 5).
  target_compile_options(tumen_header_deps INTERFACE -fwasm-exceptions)
  target_link_options(tumen_header_deps INTERFACE -fwasm-exceptions)
else()
  find_package(nlohmann_json 3.11 REQUIRED)
  target_link_libraries(tumen_header_deps INTERFACE nlohmann_json::nlohmann_json)
endif()
