#pragma once
// What a scripted XMPP server sends, shaped like Prosody 0.12's WebSocket output (<open/> and
// <stream:features/> as separate frames, stanzas with xmlns="jabber:client"), and the answers of a server
// where nobody published or archived anything. No GoogleTest: shared by the unit tests
// (tests/unit/stream_test_server.h, client_test_harness.h) and the fuzz targets (tests/fuzz/).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/hash.h"
#include "core/xml/element.h"
#include "core/xml/ns.h"

namespace starling::test {

inline const char* kWsUrl = "ws://localhost:5280/xmpp-websocket";

inline std::string b64(std::string_view s) { return crypto::base64Encode(crypto::Bytes(s.begin(), s.end())); }

inline std::string openReply() {
    return R"(<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" xmlns:stream="http://etherx.jabber.org/streams" )"
           R"(from="localhost" id="6f5c0e3d-5b1a" version="1.0" xml:lang="en"/>)";
}

inline std::string featuresPreAuth(const std::vector<std::string>& mechanisms, bool registration = false) {
    std::string f = R"(<stream:features xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">)";
    if (registration) f += R"(<register xmlns="http://jabber.org/features/iq-register"/>)";
    f += R"(<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl">)";
    for (const auto& m : mechanisms) f += "<mechanism>" + m + "</mechanism>";
    return f + "</mechanisms></stream:features>";
}

// `sm`: advertise XEP-0198 as Prosody does (off by default so that tests of other things need not
// answer <enable/>; stream_session_sm_test.cpp and xep0198_*_test.cpp turn it on).
inline std::string featuresPostAuth(bool sessionRequired = false, bool sm = false) {
    return std::string(R"(<stream:features xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">)"
                       R"(<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><required/></bind>)"
                       R"(<session xmlns="urn:ietf:params:xml:ns:xmpp-session">)") +
           (sessionRequired ? "" : "<optional/>") + "</session>" + (sm ? R"(<sm xmlns="urn:xmpp:sm:3"/>)" : "") +
           R"(<csi xmlns="urn:xmpp:csi:0"/></stream:features>)";
}

inline std::string saslFrame(const char* name, std::string_view payload) {
    return std::string("<") + name + R"( xmlns="urn:ietf:params:xml:ns:xmpp-sasl">)" + b64(payload) + "</" + name + ">";
}

// The answer to OMEMO's PEP traffic (device lists, bundles) from a server where nobody published
// anything (get: item-not-found; publish: result); nullopt when `e` is no pubsub IQ.
inline std::optional<std::string> emptyPepReply(const xml::Element& e) {
    if (!e.is(ns::kClient, "iq") || !e.child(ns::kPubsub, "pubsub")) return std::nullopt;
    const std::string to(e.attr("to"));
    const std::string from = to.empty() ? "" : R"( from=")" + to + R"(")";
    const std::string head = R"(<iq xmlns="jabber:client" id=")" + std::string(e.attr("id")) + R"(")" + from;
    if (e.attr("type") == "get")
        return head + R"( type="error"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)";
    return head + R"( type="result"/>)";
}

// The answer to the session start after login as by Prosody with an empty archive and blocklist:
// carbons enabled, the account's disco#info with urn:xmpp:sid:0 and urn:xmpp:mam:2, and every archive
// query complete and empty; nullopt for anything else.
inline std::optional<std::string> emptyArchiveSyncReply(const xml::Element& e, std::string_view account) {
    if (!e.is(ns::kClient, "iq")) return std::nullopt;
    const std::string head = R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(e.attr("id")) + R"(")";
    if (e.child(ns::kCarbons, "enable")) return head + "/>";
    if (e.child(ns::kDiscoInfo, "query") && e.attr("to") == account && e.attr("type") == "get")
        return head + R"( from=")" + std::string(account) + R"("><query xmlns="http://jabber.org/protocol/disco#info">)"
               R"(<feature var="urn:xmpp:sid:0"/><feature var="urn:xmpp:mam:2"/></query></iq>)";
    if (e.child(ns::kMam, "query"))
        return head + R"(><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"/></fin></iq>)";
    // XEP-0215 on a server with no STUN/TURN configured.
    if (e.child(ns::kExtDisco, "services") && e.attr("type") == "get")
        return head + R"( from=")" + std::string(e.attr("to")) + R"("><services xmlns="urn:xmpp:extdisco:2"/></iq>)";
    if (e.child(ns::kBlocking, "blocklist") && e.attr("type") == "get")
        return head + R"(><blocklist xmlns="urn:xmpp:blocking"/></iq>)";
    return std::nullopt;
}

}  // namespace starling::test
