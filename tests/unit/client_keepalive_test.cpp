// The Client turns on the Session's keepalive: after a minute without a frame from the server it pings
// the server (XEP-0199), and an unanswered ping counts as a lost connection (a half-dead socket whose
// close the transport never reports).
#include <gtest/gtest.h>

#include "client_test_harness.h"

namespace starling {
namespace {

using test::ClientHarness;
using test::ScramServer;
using test::TempDir;

struct ClientKeepalive : ::testing::Test {
    TempDir dir;
    ClientHarness h{dir.path};
    ScramServer server{"SCRAM-SHA-256", test::kPassword};
    void SetUp() override {
        h.login(server);
        h.takeSent();
    }
};

const xml::Element* findPing(const std::vector<xml::Element>& sent) {
    for (const auto& e : sent)
        if (e.is(ns::kClient, "iq") && e.child(ns::kPing, "ping")) return &e;
    return nullptr;
}

TEST_F(ClientKeepalive, SilentServerIsPingedAndAnUnansweredPingReconnects) {
    h.clock.advance(59'000);
    h.client->onTimer();
    EXPECT_EQ(findPing(h.takeSent()), nullptr);  // a minute has not passed

    h.clock.advance(2'000);
    h.client->onTimer();
    auto sent = h.takeSent();
    const xml::Element* ping = findPing(sent);
    ASSERT_NE(ping, nullptr);
    EXPECT_EQ(ping->attr("to"), "localhost");
    EXPECT_EQ(h.state().connection, model::Connection::Online);

    h.clock.advance(31'000);
    h.client->onTimer();
    EXPECT_EQ(h.state().connection, model::Connection::Reconnecting);
    EXPECT_EQ(h.transport.openedUrls.size(), 1u);  // back-off before the next attempt
}

TEST_F(ClientKeepalive, AnsweredPingKeepsTheConnection) {
    for (int minute = 0; minute < 3; ++minute) {
        h.clock.advance(61'000);
        h.client->onTimer();
        auto sent = h.takeSent();
        const xml::Element* ping = findPing(sent);
        ASSERT_NE(ping, nullptr) << minute;
        h.feed(R"(<iq xmlns="jabber:client" type="result" from="localhost" id=")" + std::string(ping->attr("id")) +
               R"("/>)");
        h.clock.advance(31'000);
        h.client->onTimer();
        EXPECT_EQ(h.state().connection, model::Connection::Online) << minute;
    }
}

}  // namespace
}  // namespace starling
