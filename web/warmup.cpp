#include "web/warmup.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdint>
#include <string>

#include "core/model/state.h"
#include "core/xml/ns.h"
#include "core/storage/formats.h"
#include "core/xml/parser.h"

namespace starling::web {
namespace {

constexpr int kSlices = 8;             // of about 64 KiB each: half a MiB through every byte loop
constexpr double kFirstSliceMs = 3000;  // after boot: not on the way to the roster
constexpr double kBetweenSlicesMs = 40;

// ASCII, the five entities, JSON escapes, Cyrillic, CJK and emoji (with a modifier): every branch the byte
// loops take on real text.
constexpr const char* kUnit =
    "Hello &amp; &lt;friends&gt; &quot;quoted&quot; &apos;x&apos; \\ tab\t Привет, мир! 漢字かな 😀👋🏽 &#x41;\n";

const std::string& frame() {
    static const std::string text = [] {
        std::string body;
        while (body.size() < 64 * 1024) body += kUnit;
        return "<message xmlns='jabber:client' type='chat' from='warm@up.invalid/w' to='me@up.invalid' id='w'><body>" +
               body + "</body><origin-id xmlns='urn:xmpp:sid:0' id='w'/></message>";
    }();
    return text;
}

void slice(void* left) {
    auto parsed = xml::parseFrame(frame(), {}, ns::kClient);
    if (parsed.ok()) {
        model::Message m;
        m.id = "w";
        m.from = "warm@up.invalid/w";
        if (const xml::Element* body = parsed->child(ns::kClient, "body")) m.body = body->text();
        const std::string record = storage::encodePeerRecord("warm@up.invalid") + storage::encodeMessageRecord(m);
        (void)storage::decodeHistory(record);
    }
    const auto n = reinterpret_cast<std::intptr_t>(left);
    if (n > 1) emscripten_set_timeout(slice, kBetweenSlicesMs, reinterpret_cast<void*>(n - 1));
}

}  // namespace

void scheduleWarmUp() { emscripten_set_timeout(slice, kFirstSliceMs, reinterpret_cast<void*>(std::intptr_t{kSlices})); }

}  // namespace starling::web
