#pragma once
// The archive tests' client (client_sync_test.cpp, client_archive_*_test.cpp): a whole Client logged in
// through the fake transport with the archive answered by the test, and helpers to read its queries and
// script the archive's results and <fin/>s.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/im/archive_sync.h"

namespace starling::test {

inline constexpr const char* kRoster = R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
                                R"(<item jid="carl@localhost" subscription="to"/>)";

inline std::string mamResult(const std::string& queryId, const std::string& archiveId, const std::string& from,
                      const std::string& to, const std::string& body, const std::string& stamp,
                      const std::string& outerFrom = "") {
    return stanza("<message" + (outerFrom.empty() ? std::string() : " from='" + outerFrom + "'") +
                  " to='user@localhost/x'><result xmlns='urn:xmpp:mam:2' queryid='" + queryId + "' id='" + archiveId +
                  "'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" + stamp +
                  "'/><message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "' id='" + archiveId +
                  "-m'><body>" + body + "</body><origin-id xmlns='urn:xmpp:sid:0' id='" + archiveId +
                  "-o'/></message></forwarded></result></message>");
}

class ClientSync : public ::testing::Test {
protected:
    void SetUp() override { login(); }

    // Logs in with sync answered by the test: returns after the disco#info answer (sid + mam).
    void login(bool mam = true) {
        h = std::make_unique<ClientHarness>(dir.path);
        h->autoAnswerSync = false;
        relogin(mam);
    }
    // Logs the current client in (again) and answers carbons and disco#info.
    void relogin(bool mam = true) {
        ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, kRoster);
        const xml::Element* carbons = nullptr;
        const xml::Element* disco = nullptr;
        for (const auto& e : h->extraAfterLogin) {
            if (e.child(ns::kCarbons, "enable")) carbons = &e;
            if (e.child(ns::kDiscoInfo, "query")) disco = &e;
        }
        ASSERT_NE(carbons, nullptr) << "carbons are enabled after login";
        ASSERT_NE(disco, nullptr);
        EXPECT_EQ(disco->attr("to"), "user@localhost");  // our account, where Prosody lists mam and sid
        h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(carbons->attr("id")) + R"("/>)");
        h->feed(R"(<iq xmlns="jabber:client" type="result" from="user@localhost" id=")" +
                std::string(disco->attr("id")) + R"("><query xmlns="http://jabber.org/protocol/disco#info">)" +
                R"(<feature var="urn:xmpp:sid:0"/>)" + (mam ? R"(<feature var="urn:xmpp:mam:2"/>)" : "") +
                "</query></iq>");
    }

    // The archive query the client sent (exactly one stanza).
    xml::Element query() {
        xml::Element iq = h->sentOne();
        EXPECT_NE(iq.child(ns::kMam, "query"), nullptr) << xml::serialize(iq, ns::kClient);
        return iq;
    }
    static std::string queryId(const xml::Element& iq) {
        const xml::Element* q = iq.child(ns::kMam, "query");
        return q ? std::string(q->attr("queryid")) : "";
    }
    static std::string rsm(const xml::Element& iq, const char* name) {
        const xml::Element* q = iq.child(ns::kMam, "query");
        const xml::Element* set = q ? q->child(ns::kRsm, "set") : nullptr;
        const xml::Element* e = set ? set->child(ns::kRsm, name) : nullptr;
        return e ? "[" + e->text() + "]" : "none";
    }
    void fin(const xml::Element& iq, bool complete, const std::string& last) {
        h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(iq.attr("id")) +
                R"("><fin xmlns="urn:xmpp:mam:2")" + (complete ? R"( complete="true")" : "") +
                R"(><set xmlns="http://jabber.org/protocol/rsm">)" + (last.empty() ? "" : "<last>" + last + "</last>") +
                "</set></fin></iq>");
    }
    // A <fin/> as a server may send it: `inner` is its content (the RSM <set/>, or nothing).
    void finRaw(const xml::Element& iq, bool complete, const std::string& inner) {
        h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(iq.attr("id")) +
                R"("><fin xmlns="urn:xmpp:mam:2")" + (complete ? R"( complete="true")" : "") + ">" + inner + "</fin></iq>");
    }
    std::string storedCursor() {
        auto text = h->store.read(im::archiveCursorPath("user@localhost"));
        if (!text) return "";
        auto c = im::decodeArchiveCursor(*text);
        return c ? c->lastId : "";
    }
    const std::vector<model::Message>& chat(const std::string& jid) { return h->state().conversations.at(jid).messages; }

    // First login against an archive holding one message each way with bob; leaves the cursor at A2.
    void firstLoginWithTwoArchived() {
        auto q = query();
        EXPECT_EQ(rsm(q, "before"), "[]");  // the newest page only, not the whole archive
        EXPECT_EQ(rsm(q, "after"), "none");
        EXPECT_EQ(rsm(q, "max"), "[100]");
        const std::string id = queryId(q);
        h->feed(mamResult(id, "A1", "bob@localhost/phone", "user@localhost", "old hello", "2025-12-31T10:00:00Z"));
        h->feed(mamResult(id, "A2", "user@localhost/web", "bob@localhost", "old reply", "2025-12-31T10:01:00Z"));
        fin(q, true, "A2");
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
};

}  // namespace starling::test
