# GoogleTest from Debian's libgtest-dev sources (/usr/src/googletest), built for the native and the Wasm
# target alike; the unit tests run natively and, in the Wasm build, under node (ctest uses the emulator).

set(STARLING_GTEST_DIR "/usr/src/googletest" CACHE PATH "GoogleTest sources (Debian libgtest-dev)")
if(NOT EXISTS "${STARLING_GTEST_DIR}/CMakeLists.txt")
    message(WARNING "No GoogleTest sources at ${STARLING_GTEST_DIR} (apt-get install libgtest-dev): no tests")
    return()
endif()

enable_testing()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK ON CACHE BOOL "" FORCE)
if(EMSCRIPTEN)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
endif()
add_subdirectory("${STARLING_GTEST_DIR}" "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL SYSTEM)

function(starling_test_program target)
    if(EMSCRIPTEN)
        target_link_options(${target} PRIVATE ${STARLING_NODE_PROGRAM_LINK_OPTIONS})
    endif()
    target_compile_options(${target} PRIVATE -Wall -Wextra)
endfunction()

# --- unit tests: tests/unit/*.cpp (+ the fakes of tests/support/) ---------------------------------
file(GLOB STARLING_UNIT_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/unit/*.cpp")
if(STARLING_UNIT_TEST_SOURCES)
    add_executable(starling_unit_tests ${STARLING_UNIT_TEST_SOURCES})
    target_link_libraries(starling_unit_tests PRIVATE starling_test_support starling_core GTest::gmock GTest::gtest_main)
    starling_test_program(starling_unit_tests)
    # Tests find fixtures relative to the source tree.
    target_compile_definitions(starling_unit_tests PRIVATE
        STARLING_FIXTURES_DIR="${CMAKE_SOURCE_DIR}/tests/fixtures")
    add_test(NAME starling_unit_tests COMMAND starling_unit_tests --gtest_color=no)
    set_tests_properties(starling_unit_tests PROPERTIES LABELS unit TIMEOUT 600)
endif()

# --- UI tests: tests/ui/*.cpp, src/ui driven headless over a real Client and the unit tests' scripted
# server; natively and, in the Wasm build, under node ---------------------------------------------------
file(GLOB STARLING_UI_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/ui/*.cpp")
if(STARLING_UI_TEST_SOURCES)
    add_executable(starling_ui_tests ${STARLING_UI_TEST_SOURCES})
    target_include_directories(starling_ui_tests PRIVATE "${CMAKE_SOURCE_DIR}/tests/unit")
    target_link_libraries(starling_ui_tests PRIVATE starling_ui starling_test_support GTest::gtest_main)
    starling_test_program(starling_ui_tests)
    add_test(NAME starling_ui_tests COMMAND starling_ui_tests --gtest_color=no)
    set_tests_properties(starling_ui_tests PROPERTIES LABELS unit TIMEOUT 600)
endif()

# --- integration tests against a real Prosody (native only, not run by default) ---------------------
file(GLOB STARLING_INTEGRATION_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/integration/*.cpp")
if(NOT EMSCRIPTEN AND STARLING_INTEGRATION_TEST_SOURCES)
    add_executable(starling_integration_tests ${STARLING_INTEGRATION_TEST_SOURCES})
    target_include_directories(starling_integration_tests PRIVATE "${CMAKE_SOURCE_DIR}/tests")
    target_link_libraries(starling_integration_tests PRIVATE starling_core GTest::gmock GTest::gtest_main)
    if(TARGET starling_native)
        target_link_libraries(starling_integration_tests PRIVATE starling_native)
    endif()
    starling_test_program(starling_integration_tests)
    target_compile_definitions(starling_integration_tests PRIVATE
        STARLING_FIXTURES_DIR="${CMAKE_SOURCE_DIR}/tests/fixtures"
        STARLING_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    if(STARLING_INTEGRATION_TESTS)
        add_test(NAME starling_integration_tests COMMAND starling_integration_tests --gtest_color=no)
        set_tests_properties(starling_integration_tests PROPERTIES LABELS integration TIMEOUT 1200)
    endif()
endif()
