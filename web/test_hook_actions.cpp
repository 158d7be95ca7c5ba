// window.__xmppTest.reply / correct / retract / react (web/TEST_HOOK.md): the intents the message menu
// and the composer use (ui/message_actions.cpp), and the action fields of history() entries.
#include "web/test_hook_actions.h"

#include <emscripten.h>

#include <vector>

#include "core/client.h"
#include "web/json_out.h"
#include "web/runtime.h"

extern "C" void js_install_action_hooks();

namespace starling::web {

void appendMessageActions(std::string& out, const model::Message& m) {
    out += ',';
    jsonKey(out, "edited"); out += m.edited ? "true" : "false"; out += ',';
    jsonKey(out, "originalBody"); jsonString(out, m.originalBody); out += ',';
    jsonKey(out, "retracted"); out += m.retracted ? "true" : "false"; out += ',';
    jsonKey(out, "replyTo"); jsonString(out, m.replyTo); out += ',';
    jsonKey(out, "reactions"); out += '{';
    bool first = true;
    for (const auto& [emoji, who] : m.reactions) {
        if (!first) out += ',';
        first = false;
        jsonKey(out, emoji);
        out += '[';
        bool firstWho = true;
        for (const auto& jid : who) {
            if (!firstWho) out += ',';
            firstWho = false;
            jsonString(out, jid);
        }
        out += ']';
    }
    out += '}';
}

void installActionHooks() { js_install_action_hooks(); }

}  // namespace starling::web

using namespace starling;
using namespace starling::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE int starling_hook_reply(const char* jid, const char* id, const char* text) {
    Client* c = client();
    const bool ok = c != nullptr && c->reply(jid, id, text);
    wake(3);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_correct(const char* jid, const char* id, const char* text) {
    Client* c = client();
    const bool ok = c != nullptr && c->correct(jid, id, text);
    wake(3);
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_retract(const char* jid, const char* id) {
    Client* c = client();
    const bool ok = c != nullptr && c->retract(jid, id);
    wake(3);
    return ok ? 1 : 0;
}

// emoji: one per line (the JS side joins the array).
EMSCRIPTEN_KEEPALIVE int starling_hook_react(const char* jid, const char* id, const char* emojiLines) {
    std::vector<std::string> emoji;
    std::string all(emojiLines);
    for (std::size_t p = 0; p <= all.size();) {
        std::size_t nl = all.find('\n', p);
        if (nl == std::string::npos) nl = all.size();
        if (nl > p) emoji.push_back(all.substr(p, nl - p));
        p = nl + 1;
    }
    Client* c = client();
    const bool ok = c != nullptr && c->react(jid, id, emoji);
    wake(3);
    return ok ? 1 : 0;
}

}  // extern "C"
