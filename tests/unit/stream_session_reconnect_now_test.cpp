// Session::reconnectNow ("Reconnect now" while reconnecting): the waiting attempt is made at once, a
// XEP-0198 session that could be resumed is resumed (the unacked tail re-sent, no new bind), and the
// back-off starts again from its first step; in any other state nothing happens.
#include "core/stream/session.h"

#include <gtest/gtest.h>

#include "core/stream/backoff.h"
#include "stream_test_server.h"

namespace starling::stream {
namespace {

using test::SessionHarness;
using test::ScramServer;
using S = SessionState;

xml::Element chat(const std::string& id) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", "peer@localhost");
    m.setAttr("type", "chat");
    m.setAttr("id", id);
    m.addText(ns::kClient, "body", "text " + id);
    return m;
}

struct StreamSessionReconnectNowTest : ::testing::Test {
    SessionHarness h;
    ScramServer server{"SCRAM-SHA-256", "pencil"};
    int resumed = 0;

    void SetUp() override {
        h.session.onResumed = [this] { ++resumed; };
        h.login(server, SessionHarness::config(), {"SCRAM-SHA-256"}, /*sm=*/true);
        ASSERT_EQ(h.session.state(), S::Established);
        h.takeSent();  // <enable/>
        h.feed(R"(<enabled xmlns="urn:xmpp:sm:3" id="sm-token-1" resume="true" max="600"/>)");
        ASSERT_TRUE(h.session.resumable());
    }

    // Several losses in a row push the back-off up: the next attempt is many seconds away.
    void loseSeveralTimes() {
        h.session.onTransportClosed("reset");
        for (int i = 0; i < 4; ++i) {
            ASSERT_EQ(h.session.state(), S::WaitingReconnect);
            h.clock.advance(h.session.reconnectInMs());
            h.session.onTimer();
            ASSERT_EQ(h.session.state(), S::Connecting);
            h.session.onTransportClosed("refused");
        }
        ASSERT_EQ(h.session.state(), S::WaitingReconnect);
        ASSERT_GT(h.session.reconnectInMs(), 8000);  // the fifth step: 16 s ± 25 %
    }
};

TEST_F(StreamSessionReconnectNowTest, MakesTheWaitingAttemptNowAndResumesTheSession) {
    h.session.send(chat("m1"));
    h.session.send(chat("m2"));
    h.takeSent();
    ASSERT_EQ(h.session.unackedCount(), 2u);
    loseSeveralTimes();
    const std::size_t opened = h.transport.openedUrls.size();

    EXPECT_TRUE(h.session.reconnectNow());
    EXPECT_EQ(h.session.state(), S::Connecting);  // no time passed
    EXPECT_EQ(h.transport.openedUrls.size(), opened + 1);
    auto auth = h.openStream(test::featuresPreAuth({"SCRAM-SHA-256"}));
    h.runScram(server, auth);
    auto next = h.openStream(test::featuresPostAuth(false, true));
    // Resumption, not a new session: the kept queue and token are used.
    EXPECT_TRUE(xml::equivalent(next, test::parseXml(R"(<resume xmlns="urn:xmpp:sm:3" h="0" previd="sm-token-1"/>)")))
        << xml::serialize(next);
    h.feed(R"(<resumed xmlns="urn:xmpp:sm:3" h="0" previd="sm-token-1"/>)");
    auto resent = h.takeSent();
    ASSERT_GE(resent.size(), 2u);
    EXPECT_TRUE(xml::equivalent(resent[0], chat("m1")));
    EXPECT_TRUE(xml::equivalent(resent[1], chat("m2")));
    EXPECT_EQ(h.session.state(), S::Established);
    EXPECT_EQ(resumed, 1);
    EXPECT_EQ(h.established, 1);  // no second bind
}

TEST_F(StreamSessionReconnectNowTest, AFailedAttemptWaitsTheFirstStepAgain) {
    loseSeveralTimes();
    ASSERT_TRUE(h.session.reconnectNow());
    h.session.onTransportClosed("refused again");
    ASSERT_EQ(h.session.state(), S::WaitingReconnect);
    EXPECT_LE(h.session.reconnectInMs(), kBackoffBaseMs * 5 / 4);  // not 32 s: the back-off started over
    EXPECT_GT(h.session.reconnectInMs(), 0);                        // and no busy loop either
    EXPECT_TRUE(h.session.resumable());
}

TEST_F(StreamSessionReconnectNowTest, DoesNothingUnlessWaitingToReconnect) {
    const std::size_t opened = h.transport.openedUrls.size();
    EXPECT_FALSE(h.session.reconnectNow());  // Established
    EXPECT_EQ(h.session.state(), S::Established);
    h.session.onTransportClosed("reset");
    ASSERT_TRUE(h.session.reconnectNow());
    EXPECT_FALSE(h.session.reconnectNow());  // Connecting: one attempt at a time
    EXPECT_EQ(h.transport.openedUrls.size(), opened + 1);
    h.session.stop();
    EXPECT_FALSE(h.session.reconnectNow());  // Idle
    EXPECT_EQ(h.transport.openedUrls.size(), opened + 1);
}

}  // namespace
}  // namespace starling::stream
