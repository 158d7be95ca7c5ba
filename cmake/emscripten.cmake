# Emscripten (Debian 3.1.6) settings shared by every target of the Wasm build.

# Small code in Release; the Wasm build never catches exceptions (errors are values).
set(CMAKE_C_FLAGS_RELEASE "-Os -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE "-Os -DNDEBUG")
set(CMAKE_EXE_LINKER_FLAGS_RELEASE "-Os")
add_compile_options(-fno-exceptions)
# No RTTI either (nothing uses typeid or dynamic_cast): every std::function target's type name was a string
# in the data segment, ~30 KB of the first load (~10 KB gzip).
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fno-rtti>)

# emcc's JS optimizer needs Debian's acorn at link time (FIELD-NOTES): give every link step NODE_PATH.
set(STARLING_NODE_PATH "/usr/share/nodejs" CACHE PATH "NODE_PATH for emcc links (Debian acorn)")
set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK "${CMAKE_COMMAND} -E env NODE_PATH=${STARLING_NODE_PATH}")

# Node 20 cannot fetch() a file: URL; run node programs (unit tests) without experimental fetch.
find_program(STARLING_NODE NAMES node nodejs REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${STARLING_NODE};--no-experimental-fetch")

# Link options for programs that run under node (tests, tools), not in the browser.
set(STARLING_NODE_PROGRAM_LINK_OPTIONS
    -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1)

# The repo's package.json says "type": "module"; emcc's node output is CommonJS. The nearest package.json
# wins, so mark the build tree as CommonJS for node programs run from it.
file(WRITE "${CMAKE_BINARY_DIR}/package.json" "{ \"type\": \"commonjs\" }\n")
