#pragma once
// A logged-in client and Bob (bob@localhost, a contact) for the message action tests (XEP-0308, 0424,
// 0444, 0461): XEP examples are received as from Bob's phone (or sent by our other device, as a carbon),
// and the history is read again by a second client on the same store (a reload).
#include <functional>
#include <string>
#include <vector>

#include "archive_test_fixture.h"
#include "client_test_harness.h"
#include "xep_fixture.h"

namespace starling::test {

inline const char* kBobPhone = "bob@localhost/phone";

class MessageActionsTest : public LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }

    // `e` from `from` to our bound JID (its own addresses replaced).
    void receive(xml::Element e, const std::string& from = kBobPhone) {
        e.setAttr("from", from);
        e.setAttr("to", h->boundJid);
        if (!e.hasAttr("type")) e.setAttr("type", "chat");
        h->feed(xml::serialize(e));
    }
    // `e` as our other device sent it to Bob: a sent carbon.
    void carbonSent(xml::Element e) {
        e.setAttr("from", std::string(kAccount) + "/laptop");
        e.setAttr("to", "bob@localhost");
        if (!e.hasAttr("type")) e.setAttr("type", "chat");
        h->feed("<message xmlns='jabber:client' from='" + std::string(kAccount) + "' to='" + h->boundJid +
                "' type='chat'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" +
                xml::serialize(e) + "</forwarded></sent></message>");
    }
    const std::vector<model::Message>& bob() { return h->state().conversations.at("bob@localhost").messages; }
    // Our message to Bob, sent and acknowledged; its id.
    std::string sendOurs(const std::string& text) {
        h->client->sendMessage("bob@localhost", text);
        h->takeSent();
        return bob().back().id;
    }
    // The chat as a client started again on the same store reads it.
    std::vector<model::Message> reloaded() {
        ClientHarness again(dir.path);
        again.client->start();
        auto it = again.state().conversations.find("bob@localhost");
        return it == again.state().conversations.end() ? std::vector<model::Message>{} : it->second.messages;
    }
};

// One result of our archive: a message from `from` to `to` whose children are `inner` (XML in jabber:client).
inline std::string mamWith(const std::string& queryId, const std::string& archiveId, const std::string& from,
                           const std::string& to, const std::string& id, const std::string& inner,
                           const std::string& stamp) {
    return stanza("<message to='user@localhost/x'><result xmlns='urn:xmpp:mam:2' queryid='" + queryId + "' id='" +
                  archiveId + "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" + stamp +
                  "'/><message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "' id='" + id + "'>" +
                  inner + "</message></forwarded></result></message>");
}

// A first login whose archive catch-up returns `results` (built with mamWith for the query's id).
class MessageActionsArchiveTest : public ClientSync {
protected:
    void catchUp(const std::vector<std::function<std::string(const std::string&)>>& results) {
        auto q = query();
        const std::string id = queryId(q);
        for (const auto& r : results) h->feed(r(id));
        fin(q, true, "Z");
    }
    const std::vector<model::Message>& bob() { return h->state().conversations.at("bob@localhost").messages; }
};

}  // namespace starling::test
