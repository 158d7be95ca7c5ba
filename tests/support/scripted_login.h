#pragma once
// A server that answers a Client's login as Prosody would, whatever order the client asks in: <open/>
// → features (SASL PLAIN before auth; bind, CSI and optionally XEP-0198 after), <auth/> → <success/>
// (no SCRAM: thousands of PBKDF2 rounds per login would make fuzzing slow), bind → the resource asked
// for, <enable/> → <enabled/>, roster get → `rosterItems`; with `answerSync`, also carbons, the account's
// disco#info, archive queries and PEP as by an empty server (server_frames.h). <resume/> and everything
// else is left to the caller. No GoogleTest; used by tests/fuzz/client_frames_fuzz.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"
#include "core/xml/ns.h"
#include "support/server_frames.h"

namespace starling::test {

struct ScriptedLogin {
    std::string account = "user@localhost";
    std::string rosterItems;
    bool sm = false;
    bool answerSync = false;

    bool authenticated = false;  // <success/> sent: the next <open/> gets the post-auth features
    std::string boundJid;        // after bind

    // The frames that answer `sent` (one frame each, as over RFC 7395), or nothing.
    std::vector<std::string> answer(const xml::Element& sent) {
        if (sent.is(ns::kFraming, "open"))
            return {openReply(), authenticated ? featuresPostAuth(false, sm) : featuresPreAuth({"PLAIN"})};
        if (sent.is(ns::kSasl, "auth")) {
            authenticated = true;
            return {R"(<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>)"};
        }
        if (sent.is(ns::kSm, "enable"))
            return {R"(<enabled xmlns="urn:xmpp:sm:3" id="sm-1" resume="true" max="600"/>)"};
        if (!sent.is(ns::kClient, "iq")) return {};
        const std::string head = R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(sent.attr("id")) + R"(")";
        if (const xml::Element* bind = sent.child(ns::kBind, "bind")) {
            boundJid = account + "/" + std::string(bind->childText(ns::kBind, "resource"));
            return {head + R"( to=")" + boundJid + R"("><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>)" +
                    boundJid + "</jid></bind></iq>"};
        }
        if (sent.child(ns::kRoster, "query") && sent.attr("type") == "get")
            return {head + R"(><query xmlns="jabber:iq:roster" ver="1">)" + rosterItems + "</query></iq>"};
        if (!answerSync) return {};
        if (auto reply = emptyPepReply(sent)) return {*reply};
        if (auto reply = emptyArchiveSyncReply(sent, account)) return {*reply};
        return {};
    }
};

}  // namespace starling::test
