// libFuzzer entry point for JID parsing.
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/jid_fuzz.cpp \
//          src/core/jid/jid.cpp -o jid_fuzz
// Invariants: no crash; normalization is idempotent (full() parses back to an equal JID with the same
// text); every part stays within 1023 bytes; bare() drops only the resource.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/jid/jid.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using starling::jid::Jid;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto j = Jid::parse(text);
    if (!j.ok()) return 0;
    if (j->domain().empty() || j->local().size() > 1023 || j->domain().size() > 1023 || j->resource().size() > 1023)
        std::abort();
    auto again = Jid::parse(j->full());
    if (!again.ok() || !(*again == *j) || again->full() != j->full()) std::abort();
    auto bare = Jid::parse(j->bareString());
    if (!bare.ok() || !(*bare == j->bare())) std::abort();
    return 0;
}
