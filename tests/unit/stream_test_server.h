#pragma once
// A scripted XMPP server for Session tests: frames shaped like Prosody 0.12's WebSocket output
// (support/server_frames.h) and the server side of SCRAM computed with the same primitives. Header-only;
// used by stream_session_*_test.cpp.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/crypto/hash.h"
#include "core/stream/scram.h"
#include "core/stream/session.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"
#include "support/fake_clock.h"
#include "support/fake_random.h"
#include "support/fake_transport.h"
#include "support/server_frames.h"

namespace starling::test {

inline std::string unb64(std::string_view s) {
    crypto::Bytes out;
    EXPECT_TRUE(crypto::base64Decode(s, out)) << s;
    return std::string(out.begin(), out.end());
}

inline xml::Element parseXml(std::string_view text) {
    auto r = xml::parseFrame(text, {}, ns::kClient);
    EXPECT_TRUE(r.ok()) << text;
    return r.ok() ? *r : xml::Element();
}

class ScramServer {
public:
    ScramServer(std::string mechanism, std::string password, std::string salt = "server-salt-1",
                std::uint32_t iterations = 4096)
        : m_algo(*stream::scramHashFor(mechanism)), m_salt(salt.begin(), salt.end()), m_iterations(iterations) {
        crypto::Bytes salted = crypto::pbkdf2(m_algo, password, m_salt, iterations);
        crypto::Bytes clientKey = crypto::hmac(m_algo, salted, "Client Key");
        m_storedKey = crypto::hash(m_algo, {reinterpret_cast<const char*>(clientKey.data()), clientKey.size()});
        m_serverKey = crypto::hmac(m_algo, salted, "Server Key");
    }

    std::string serverFirst(std::string_view clientFirst, std::string_view nonceOverride = {}) {
        EXPECT_EQ(clientFirst.substr(0, 3), "n,,");
        m_clientFirstBare = std::string(clientFirst.substr(3));
        auto r = m_clientFirstBare.find(",r=");
        username = m_clientFirstBare.substr(2, r - 2);
        std::string nonce = nonceOverride.empty() ? m_clientFirstBare.substr(r + 3) + "Pr0s0dyN0nce" : std::string(nonceOverride);
        m_serverFirst = "r=" + nonce + ",s=" + crypto::base64Encode(m_salt) + ",i=" + std::to_string(m_iterations);
        return m_serverFirst;
    }

    // server-final "v=..." if the client's proof is right, else nullopt.
    std::optional<std::string> serverFinal(std::string_view clientFinal) {
        auto p = clientFinal.find(",p=");
        if (p == std::string_view::npos || clientFinal.substr(0, 7) != "c=biws,") return std::nullopt;
        m_authMessage = m_clientFirstBare + "," + m_serverFirst + "," + std::string(clientFinal.substr(0, p));
        crypto::Bytes proof;
        if (!crypto::base64Decode(clientFinal.substr(p + 3), proof)) return std::nullopt;
        crypto::Bytes signature = crypto::hmac(m_algo, m_storedKey, m_authMessage);
        if (proof.size() != signature.size()) return std::nullopt;
        for (std::size_t i = 0; i < proof.size(); ++i) proof[i] ^= signature[i];
        if (crypto::hash(m_algo, {reinterpret_cast<const char*>(proof.data()), proof.size()}) != m_storedKey)
            return std::nullopt;
        return "v=" + crypto::base64Encode(crypto::hmac(m_algo, m_serverKey, m_authMessage));
    }

    std::string username;

private:
    crypto::HashAlgo m_algo;
    crypto::Bytes m_salt;
    std::uint32_t m_iterations;
    crypto::Bytes m_storedKey;
    crypto::Bytes m_serverKey;
    std::string m_clientFirstBare;
    std::string m_serverFirst;
    std::string m_authMessage;
};

struct SessionHarness {
    FakeTransport transport;
    FakeClock clock;
    FakeRandom random;
    stream::Session session{transport, clock, random};
    std::vector<stream::SessionState> states;
    std::vector<Error> failures;
    std::vector<xml::Element> stanzas;
    std::vector<std::string> logs;
    int established = 0;

    SessionHarness() {
        session.onStateChanged = [this](stream::SessionState s) { states.push_back(s); };
        session.onFailed = [this](const Error& e) { failures.push_back(e); };
        session.onStanza = [this](const xml::Element& s) { stanzas.push_back(s); };
        session.onEstablished = [this] { ++established; };
        session.onLog = [this](std::string_view l) { logs.emplace_back(l); };
    }

    static stream::SessionConfig config(std::string password = "pencil") {
        stream::SessionConfig c;
        c.url = kWsUrl;
        c.jid = "user@localhost";
        c.password = std::move(password);
        c.resource = "starling-AB12";
        return c;
    }

    void feed(std::string_view frame) { session.onFrame(frame); }

    std::vector<xml::Element> takeSent() {
        std::vector<xml::Element> out;
        for (const auto& f : transport.takeSent()) out.push_back(parseXml(f));
        return out;
    }

    // The single frame sent since the last take (an empty element if there was not exactly one).
    xml::Element sentOne() {
        auto all = takeSent();
        EXPECT_EQ(all.size(), 1u);
        return all.size() == 1 ? all[0] : xml::Element();
    }

    // Transport opens, <open/> exchanged, features sent: returns what the client sent next.
    xml::Element openStream(const std::string& features) {
        session.onTransportOpen();
        auto open = sentOne();
        EXPECT_TRUE(open.is(ns::kFraming, "open"));
        EXPECT_EQ(open.attr("to"), "localhost");
        feed(openReply());
        EXPECT_TRUE(transport.takeSent().empty());  // Prosody sends features as a separate frame
        feed(features);
        return sentOne();
    }

    // Runs SCRAM against `server` from the <auth/> the client sent; ends after <success/>.
    void runScram(ScramServer& server, const xml::Element& auth) {
        ASSERT_TRUE(auth.is(ns::kSasl, "auth"));
        feed(saslFrame("challenge", server.serverFirst(unb64(auth.text()))));
        auto response = sentOne();
        ASSERT_TRUE(response.is(ns::kSasl, "response"));
        auto final = server.serverFinal(unb64(response.text()));
        ASSERT_TRUE(final) << "client proof rejected";
        feed(saslFrame("success", *final));
    }

    // After SASL success: the client restarts the stream and binds.
    void runBind(bool sessionRequired = false, bool sm = false) {
        auto bind = openStream(featuresPostAuth(sessionRequired, sm));
        ASSERT_TRUE(bind.is(ns::kClient, "iq"));
        ASSERT_EQ(bind.attr("type"), "set");
        ASSERT_NE(bind.child(ns::kBind, "bind"), nullptr);
        EXPECT_EQ(bind.child(ns::kBind, "bind")->childText(ns::kBind, "resource"), "starling-AB12");
        feed(std::string(R"(<iq xmlns="jabber:client" type="result" id=")") + std::string(bind.attr("id")) +
             R"(" to="user@localhost/starling-AB12"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind">)"
             R"(<jid>user@localhost/starling-AB12</jid></bind></iq>)");
    }

    // A whole SCRAM login from start(); `server` holds the account's password.
    void login(ScramServer& server, stream::SessionConfig cfg, std::vector<std::string> mechanisms,
               bool sm = false) {
        session.start(std::move(cfg));
        auto auth = openStream(featuresPreAuth(mechanisms));
        runScram(server, auth);
        runBind(false, sm);
    }
};

}  // namespace starling::test
