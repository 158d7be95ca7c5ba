#pragma once
// Drives a whole Client through FakeTransport with Prosody-shaped server frames (stream_test_server.h)
// and a temp-dir Store. Header-only; used by client_*_test.cpp.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/client.h"
#include "core/storage/store.h"
#include "stream_test_server.h"
#include "support/fake_device.h"

namespace starling::test {

struct TempDir {
    TempDir() {
        char tmpl[] = "/tmp/starling-client-XXXXXX";
        path = mkdtemp(tmpl) ? tmpl : "";
        EXPECT_FALSE(path.empty());
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
    // Every byte of every file under the dir, concatenated (for "is the password anywhere" checks).
    std::string allContents() const {
        std::string out;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (!entry.is_regular_file()) continue;
            std::ifstream f(entry.path(), std::ios::binary);
            std::stringstream ss;
            ss << f.rdbuf();
            out += entry.path().string() + "\n" + ss.str();
        }
        return out;
    }
    std::string path;
};

inline const char* kAccount = "user@localhost";
inline const char* kPassword = "pencil-Secret-42";

struct ClientHarness : FakeDevice {
    explicit ClientHarness(const std::string& storeDir) : FakeDevice(storeDir) { make(); }

    ClientConfig config{"localhost", kWsUrl};
    std::unique_ptr<Client> client;
    std::vector<std::string> logs;
    std::string boundJid;

    void make() {
        client = std::make_unique<Client>(platform(), config);
        client->setLogger([this](std::string_view line) { logs.emplace_back(line); });
    }

    const model::State& state() const { return client->state(); }
    void feed(std::string_view frame) { client->onFrame(frame); }

    std::vector<xml::Element> takeSent() {
        std::vector<xml::Element> out;
        for (bool more = true; more;) {
            more = false;
            for (const auto& f : transport.takeSent()) {
                xml::Element e = parseXml(f);
                if (answerPep(e) || answerSync(e)) more = true;
                else out.push_back(std::move(e));
            }
        }
        return out;
    }
    // OMEMO's PEP traffic (device lists, bundles) is answered as by a server where nobody published
    // anything (get: item-not-found; publish: result), so tests about other things never see it.
    // Tests about OMEMO turn this off and answer themselves.
    bool autoAnswerPep = true;
    std::vector<xml::Element> pepRequests;
    // Or held unanswered in heldPep (out of takeSent's way), for a test to answer when it chooses.
    bool holdPep = false;
    std::vector<xml::Element> heldPep;
    std::string pepKeepNode;  // requests about this PEP node are not answered (a test answers them)
    bool answerPep(const xml::Element& e) {
        if (holdPep && e.is(ns::kClient, "iq") && e.child(ns::kPubsub, "pubsub")) {
            heldPep.push_back(e);
            return true;
        }
        if (!autoAnswerPep) return false;
        if (!pepKeepNode.empty())
            if (const xml::Element* pubsub = e.child(ns::kPubsub, "pubsub"))
                for (const xml::Element& op : pubsub->children())
                    if (op.attr("node") == pepKeepNode) return false;
        auto reply = emptyPepReply(e);
        if (!reply) return false;
        feed(*reply);
        pepRequests.push_back(e);
        return true;
    }
    // The session's start after login is answered as by Prosody with an empty archive and blocklist
    // (support/server_frames.h). Tests about sync turn this off and answer themselves.
    bool autoAnswerSync = true;
    bool answerSync(const xml::Element& e) {
        if (!autoAnswerSync) return false;
        auto reply = emptyArchiveSyncReply(e, kAccount);
        if (!reply) return false;
        feed(*reply);
        return true;
    }
    xml::Element sentOne() {
        auto all = takeSent();
        EXPECT_EQ(all.size(), 1u);
        return all.size() == 1 ? all[0] : xml::Element();
    }
    bool logged(std::string_view needle) const {
        for (const auto& l : logs)
            if (l.find(needle) != std::string::npos) return true;
        return false;
    }

    // Transport open → <open/> → features; returns what the client sent next.
    xml::Element openStream(const std::string& features, bool transportOpen) {
        if (transportOpen) client->onTransportOpen();
        auto open = sentOne();
        EXPECT_TRUE(open.is(ns::kFraming, "open"));
        feed(openReply());
        feed(features);
        return sentOne();
    }

    // SCRAM, restart, bind. The server binds the resource the client asked for.
    void authenticateAndBind(ScramServer& server, const std::vector<std::string>& mechanisms) {
        auto auth = openStream(featuresPreAuth(mechanisms), true);
        ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
        feed(saslFrame("challenge", server.serverFirst(unb64(auth.text()))));
        auto response = sentOne();
        ASSERT_TRUE(response.is(ns::kSasl, "response"));
        auto final = server.serverFinal(unb64(response.text()));
        ASSERT_TRUE(final) << "client proof rejected";
        feed(saslFrame("success", *final));
        auto bind = openStream(featuresPostAuth(), false);
        ASSERT_TRUE(bind.is(ns::kClient, "iq"));
        const xml::Element* b = bind.child(ns::kBind, "bind");
        ASSERT_NE(b, nullptr);
        boundJid = std::string(kAccount) + "/" + std::string(b->childText(ns::kBind, "resource"));
        feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(bind.attr("id")) + R"(" to=")" +
             boundJid + R"("><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>)" + boundJid + "</jid></bind></iq>");
    }

    // After bind: the roster get, answered with `items`; then the initial presence.
    void answerRoster(const std::string& items) {
        auto get = sentOne();
        ASSERT_TRUE(get.is(ns::kClient, "iq"));
        ASSERT_EQ(get.attr("type"), "get");
        ASSERT_NE(get.child(ns::kRoster, "query"), nullptr);
        feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(get.attr("id")) + R"(" to=")" + boundJid +
             R"("><query xmlns="jabber:iq:roster" ver="1">)" + items + "</query></iq>");
        auto sent = takeSent();
        ASSERT_GE(sent.size(), 1u);
        EXPECT_TRUE(sent[0].is(ns::kClient, "presence")) << xml::serialize(sent[0], ns::kClient);
        EXPECT_FALSE(sent[0].hasAttr("to"));
        extraAfterLogin.assign(sent.begin() + 1, sent.end());
    }

    void login(ScramServer& server, const std::string& rosterItems = "", bool remember = true) {
        LoginRequest req;
        req.jid = kAccount;
        req.password = kPassword;
        req.remember = remember;
        transport.takeSent();  // e.g. the <close/> of a previous, failed attempt
        client->login(req);
        ASSERT_FALSE(transport.openedUrls.empty());
        ASSERT_EQ(transport.openedUrls.back(), kWsUrl);
        authenticateAndBind(server, {"SCRAM-SHA-1", "SCRAM-SHA-256"});
        answerRoster(rosterItems);
        ASSERT_EQ(state().connection, model::Connection::Online);
    }

    std::vector<xml::Element> extraAfterLogin;  // stanzas sent right after the initial presence
};

inline std::string stanza(const std::string& xml) {
    // Stanzas from the server carry xmlns="jabber:client" (RFC 7395).
    const std::size_t space = xml.find_first_of(" />");
    return xml.substr(0, space) + R"( xmlns="jabber:client")" + xml.substr(space);
}

// Bob as the only contact, subscribed both ways: the roster most client tests log in with.
inline const char* kBobRoster = R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)";

// A fixture whose Client, in a temp dir of its own, logs in (SCRAM-SHA-256) with `rosterItems`.
class LoggedInClientTest : public ::testing::Test {
protected:
    void logIn(const std::string& rosterItems = kBobRoster) {
        h = std::make_unique<ClientHarness>(dir.path);
        ScramServer server("SCRAM-SHA-256", kPassword);
        h->login(server, rosterItems);
    }

    TempDir dir;
    std::unique_ptr<ClientHarness> h;
};

}  // namespace starling::test
