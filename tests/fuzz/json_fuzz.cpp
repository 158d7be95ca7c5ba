// libFuzzer entry point for the strict JSON parser.
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/json_fuzz.cpp \
//          src/core/util/json.cpp -o json_fuzz
// Invariants: no crash on any input; whatever parses dumps to text that parses back equal and dumps the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/util/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = starling::Json::parse(text);
    if (!parsed.ok()) return 0;
    const std::string once = parsed->dump();
    auto again = starling::Json::parse(once);
    if (!again.ok() || !(*again == *parsed) || again->dump() != once) std::abort();
    if (!starling::Json::parse(parsed->dump(2)).ok()) std::abort();
    return 0;
}
