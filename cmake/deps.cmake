# Third-party libraries, built with our CMake from pinned Debian source packages.
# scripts/fetch-deps.sh unpacks them (once, cached) into STARLING_DEPS_DIR.

set(STARLING_DEPS_DIR "${CMAKE_SOURCE_DIR}/build/_deps-src" CACHE PATH "Unpacked Debian source packages")

execute_process(
    COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/fetch-deps.sh" "${STARLING_DEPS_DIR}"
    RESULT_VARIABLE _fetch_rc)
if(NOT _fetch_rc EQUAL 0)
    message(FATAL_ERROR "scripts/fetch-deps.sh failed (${_fetch_rc})")
endif()
# Re-run configure when a pinned version changes.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/scripts/fetch-deps.sh")

function(starling_third_party target)
    # Third-party code: no warnings from us, position independent for the odd shared use.
    target_compile_options(${target} PRIVATE -w)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# --- tinyxml2 9.0.0 ---------------------------------------------------------------------------------
set(_tx "${STARLING_DEPS_DIR}/tinyxml2")
add_library(tinyxml2 STATIC "${_tx}/tinyxml2.cpp")
target_include_directories(tinyxml2 SYSTEM PUBLIC "${_tx}")
starling_third_party(tinyxml2)

# --- mbedTLS 2.28 (crypto part only; default config) ------------------------------------------------
set(_mb "${STARLING_DEPS_DIR}/mbedtls")
file(GLOB _mb_srcs "${_mb}/library/*.c")
# TLS, X.509 and sockets are not used: only the crypto library is built.
list(FILTER _mb_srcs EXCLUDE REGEX "/(ssl_[^/]*|x509[^/]*|net_sockets|debug|mps_[^/]*|pkcs11)\\.c$")
add_library(mbedcrypto STATIC ${_mb_srcs})
target_include_directories(mbedcrypto SYSTEM PUBLIC "${_mb}/include")
target_include_directories(mbedcrypto PRIVATE "${_mb}/library")
starling_third_party(mbedcrypto)

# --- libsignal-protocol-c 2.3.3 (with its own curve25519/ed25519 and protobuf-c) ----------------------
set(_sg "${STARLING_DEPS_DIR}/libsignal-protocol-c/src")
file(GLOB _sg_srcs "${_sg}/*.c" "${_sg}/protobuf-c/*.c")
file(GLOB_RECURSE _sg_curve_srcs "${_sg}/curve25519/*.c")
list(FILTER _sg_curve_srcs EXCLUDE REGEX "internal_slow_tests\\.c$")
# a * B without ref10's 30 KB table of precomputed multiples (src/core/crypto/ed25519_scalarmult_base.c).
list(FILTER _sg_curve_srcs EXCLUDE REGEX "/ed25519/ge_scalarmult_base\\.c$")
list(APPEND _sg_curve_srcs "${CMAKE_SOURCE_DIR}/src/core/crypto/ed25519_scalarmult_base.c")
add_library(signal_protocol STATIC ${_sg_srcs} ${_sg_curve_srcs})
target_include_directories(signal_protocol SYSTEM PUBLIC "${_sg}")
target_include_directories(signal_protocol PRIVATE
    "${_sg}/curve25519"
    "${_sg}/curve25519/ed25519"
    "${_sg}/curve25519/ed25519/nacl_includes"
    "${_sg}/curve25519/ed25519/additions"
    "${_sg}/curve25519/ed25519/additions/generalized"
    "${_sg}/curve25519/ed25519/sha512"
    "${_sg}/curve25519/ed25519/tests")
set_target_properties(signal_protocol PROPERTIES C_STANDARD 99)
starling_third_party(signal_protocol)

# --- Dear ImGui 1.86 --------------------------------------------------------------------------------
set(_im "${STARLING_DEPS_DIR}/imgui")
set(_im_srcs "${_im}/imgui.cpp" "${_im}/imgui_draw.cpp" "${_im}/imgui_tables.cpp"
    "${_im}/imgui_widgets.cpp" "${_im}/imgui_demo.cpp")
# The core only, on both targets: the browser layer (web/) is its own platform and renderer backend.
add_library(imgui STATIC ${_im_srcs})
target_include_directories(imgui SYSTEM PUBLIC "${_im}")
target_compile_definitions(imgui PUBLIC IMGUI_USE_WCHAR32 "ImDrawIdx=unsigned int")
starling_third_party(imgui)
if(NOT EMSCRIPTEN)
    set_target_properties(imgui PROPERTIES EXCLUDE_FROM_ALL ON)  # built natively only when something links it
endif()
