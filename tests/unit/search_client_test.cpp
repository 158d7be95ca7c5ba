// Client::search / Client::searchStep over the history the client itself wrote (client_search.cpp):
// steps until done, newest first, a new query restarts, blank clears, logout drops the search.
#include <gtest/gtest.h>

#include "client_test_harness.h"

namespace starling {
namespace {

using test::stanza;

class ClientSearch : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn(R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
              R"(<item jid="carol@localhost" name="Carol" subscription="both"/>)");
    }
    void receive(const std::string& from, const std::string& id, const std::string& body) {
        h->clock.advance(1000);
        h->feed(stanza(R"(<message from=")" + from + R"(/phone" type="chat" id=")" + id + R"("><body>)" + body +
                       "</body></message>"));
    }
    int runSearch() {
        int steps = 0;
        while (h->state().search.running && steps < 10000) {
            const auto before = h->client->revision();
            h->client->searchStep();
            EXPECT_NE(h->client->revision(), before);  // the UI redraws while it runs
            ++steps;
        }
        EXPECT_FALSE(h->state().search.running);
        return steps;
    }
};

TEST_F(ClientSearch, FindsReceivedAndSentMessagesNewestFirst) {
    receive("bob@localhost", "b1", "Привет, МИР");
    receive("carol@localhost", "c1", "другой мир");
    h->clock.advance(1000);
    h->client->sendMessage("bob@localhost", "мирный ответ");
    receive("carol@localhost", "c2", "nothing");
    h->client->search("мир");
    EXPECT_EQ(h->state().search.query, "мир");
    EXPECT_TRUE(h->state().search.running);
    EXPECT_GE(runSearch(), 1);
    const auto& s = h->state().search;
    ASSERT_EQ(s.hits.size(), 3u);
    EXPECT_EQ(s.hits[0].peer, "bob@localhost");
    EXPECT_TRUE(s.hits[0].outgoing);
    EXPECT_EQ(s.hits[0].snippet, "мирный ответ");
    EXPECT_EQ(s.hits[1].messageId, "c1");
    EXPECT_EQ(s.hits[2].messageId, "b1");
    EXPECT_EQ(s.hits[2].snippet.substr(s.hits[2].matchStart, s.hits[2].matchLength), "МИР");
    EXPECT_FALSE(s.truncated);
    EXPECT_EQ(s.scanned, 4u);
    // Done: further steps change nothing.
    const auto rev = h->client->revision();
    h->client->searchStep();
    EXPECT_EQ(h->client->revision(), rev);
}

TEST_F(ClientSearch, NewQueryRestartsAndBlankClears) {
    receive("bob@localhost", "b1", "alpha");
    receive("bob@localhost", "b2", "beta");
    h->client->search("alpha");
    h->client->search("BETA");  // before any step
    runSearch();
    ASSERT_EQ(h->state().search.hits.size(), 1u);
    EXPECT_EQ(h->state().search.hits[0].messageId, "b2");
    EXPECT_EQ(h->state().search.query, "BETA");
    h->client->search("   ");
    EXPECT_TRUE(h->state().search.query.empty());
    EXPECT_TRUE(h->state().search.hits.empty());
    EXPECT_FALSE(h->state().search.running);
    h->client->searchStep();  // nothing to do, no crash
    EXPECT_TRUE(h->state().search.hits.empty());
}

TEST_F(ClientSearch, LogoutDropsTheSearch) {
    receive("bob@localhost", "b1", "alpha");
    h->client->search("alpha");
    h->client->logout(false);
    h->client->searchStep();
    EXPECT_FALSE(h->state().search.running);
    EXPECT_TRUE(h->state().search.hits.empty());
    // Logged out: no account, nothing to search.
    h->client->search("alpha");
    runSearch();
    EXPECT_TRUE(h->state().search.hits.empty());
}

}  // namespace
}  // namespace starling
