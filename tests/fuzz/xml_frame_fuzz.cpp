// libFuzzer entry point for the strict frame check + parser + serializer.
// Build (not part of the default build):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/_deps-src/tinyxml2 \
//     tests/fuzz/xml_frame_fuzz.cpp src/core/xml/*.cpp build/_deps-src/tinyxml2/tinyxml2.cpp -o xml_frame_fuzz
//   mkdir -p corpus && ./xml_frame_fuzz -max_len=4096 corpus tests/fixtures/xml
// (libFuzzer writes new inputs into the FIRST directory: never name tests/fixtures/xml first.)
// With CMake: -DSTARLING_FUZZ=ON (see CMakeLists.txt).
// Invariants: no crash, hang or leak on any input; whatever parses serializes to a frame that parses back
// to an equivalent tree and serializes to the same text again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/xml/element.h"
#include "core/xml/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace starling::xml;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Limits limits;
    limits.maxDepth = 16;
    // Documents (host-meta) may carry a prolog and comments; what parses must serialize as a clean frame.
    if (auto doc = parseDocument(text, limits); doc.ok()) {
        auto frame = parseFrame(serialize(*doc), Limits{});
        if (!frame.ok() || !equivalent(*doc, *frame)) std::abort();
    }
    auto parsed = parseFrame(text, limits, "jabber:client");
    if (!parsed.ok()) return 0;
    const std::string once = serialize(*parsed, "jabber:client");
    auto again = parseFrame(once, Limits{}, "jabber:client");
    if (!again.ok() || !equivalent(*parsed, *again)) std::abort();
    if (serialize(*again, "jabber:client") != once) std::abort();
    return 0;
}
