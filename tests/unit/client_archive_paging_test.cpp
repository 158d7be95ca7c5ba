// Archive paging against a scripted hostile archive (issue 11, item 6): a page that brings nothing new
// (the same page again, pages in a cycle, an empty page that says "more") or a <fin complete='false'/>
// without paging information (no <set/>, no <last/>, an absurd <count/>) is never taken for the end
// of the archive and never asked again by itself: the job stops and leaves a gap the person can fill
// (State::sync == Gap for the catch-up, Conversation::gap for a chat's missing messages).
#include <gtest/gtest.h>

#include "archive_test_fixture.h"

namespace starling {
namespace {

using test::ClientSync;
using test::mamResult;

class ArchivePaging : public ClientSync {
protected:
    // Results from bob with these archive ids (bodies "m<id>"), one second apart, for query `q`.
    void results(const xml::Element& q, const std::vector<std::string>& ids, int firstSecond = 1) {
        int s = firstSecond;
        for (const auto& id : ids) {
            const std::string stamp = "2026-01-01T00:00:" + std::string(s < 10 ? "0" : "") + std::to_string(s) + "Z";
            h->feed(mamResult(queryId(q), id, "bob@localhost/phone", "user@localhost", "m" + id, stamp));
            ++s;
        }
    }
    // A later session's catch-up, its first query (after A2).
    xml::Element catchUpAfterFirstLogin() {
        firstLoginWithTwoArchived();
        h.reset();
        login();
        auto q = query();
        EXPECT_EQ(rsm(q, "after"), "[A2]");
        return q;
    }
    void expectCatchUpGap() {
        EXPECT_EQ(h->state().sync, model::Sync::Gap);
        EXPECT_TRUE(h->state().conversations.at("bob@localhost").gap);
        EXPECT_TRUE(h->takeSent().empty()) << "asked again by itself";
    }
    std::size_t count(const std::string& body) {
        std::size_t n = 0;
        for (const auto& m : chat("bob@localhost")) n += m.body == body ? 1 : 0;
        return n;
    }
};

TEST_F(ArchivePaging, ACatchUpAnsweredWithTheSamePageAgainStopsWithAGap) {
    auto q1 = catchUpAfterFirstLogin();
    results(q1, {"A3", "A4"});
    fin(q1, false, "A4");
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "after"), "[A4]");
    results(q2, {"A3", "A4"});  // <after/> ignored: the same page, the same <last/>
    fin(q2, false, "A4");
    expectCatchUpGap();
    EXPECT_TRUE(h->logged("no progress"));
    EXPECT_EQ(storedCursor(), "A4");
    EXPECT_EQ(count("mA3"), 1u);
    // "Load missing messages": the catch-up again from the cursor, and a sane answer ends the gap.
    h->client->loadMissing("");
    auto q3 = query();
    EXPECT_EQ(rsm(q3, "after"), "[A4]");
    results(q3, {"A5"}, 5);
    fin(q3, true, "A5");
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    EXPECT_FALSE(h->state().conversations.at("bob@localhost").gap);
    EXPECT_EQ(chat("bob@localhost").back().body, "mA5");
}

TEST_F(ArchivePaging, ACatchUpWhosePagesComeRoundAgainStopsWithAGap) {
    auto q1 = catchUpAfterFirstLogin();
    results(q1, {"A3", "A4"});
    fin(q1, false, "A4");
    auto q2 = query();
    results(q2, {"A5", "A6"}, 3);
    fin(q2, false, "A6");
    auto q3 = query();
    EXPECT_EQ(rsm(q3, "after"), "[A6]");
    results(q3, {"A3", "A4"});  // the first page again: the archive goes round in a circle
    fin(q3, false, "A4");
    expectCatchUpGap();
    EXPECT_EQ(storedCursor(), "A6") << "the cursor never moves back";
}

// complete='false' says there is more; without a <last/> there is no way to ask for it.
TEST_F(ArchivePaging, AnIncompleteFinWithoutPagingInformationIsAGapNotTheEnd) {
    const std::vector<std::pair<const char*, std::string>> fins = {
        {"no <set/>", ""},
        {"an empty <set/>", R"(<set xmlns="http://jabber.org/protocol/rsm"/>)"},
        {"a count of 0", R"(<set xmlns="http://jabber.org/protocol/rsm"><count>0</count></set>)"},
        {"an absurd count", R"(<set xmlns="http://jabber.org/protocol/rsm"><count>99999999999999999999999</count></set>)"},
        {"a negative count and a first only",
         R"(<set xmlns="http://jabber.org/protocol/rsm"><first index="0">A3</first><count>-5</count></set>)"},
    };
    firstLoginWithTwoArchived();
    int n = 3;
    for (const auto& [what, inner] : fins) {
        SCOPED_TRACE(what);
        h.reset();
        login();
        auto q = query();
        const std::string id = "A" + std::to_string(n++);
        results(q, {id}, n);
        finRaw(q, false, inner);
        expectCatchUpGap();
        EXPECT_EQ(chat("bob@localhost").back().body, "m" + id);  // what came is kept
    }
}

TEST_F(ArchivePaging, AnEmptyPageThatSaysMoreIsAGap) {
    auto q1 = catchUpAfterFirstLogin();
    fin(q1, false, "A9");  // no results, yet "incomplete" and a <last/>
    expectCatchUpGap();
    EXPECT_EQ(storedCursor(), "A2");
}

// A first login asks for the newest page only; an empty one that says "more" leaves no cursor, so the
// retry asks for the newest page again.
TEST_F(ArchivePaging, AFirstLoginsEmptyIncompletePageIsAGapAndTheRetryAsksForTheNewestPage) {
    auto q1 = query();
    EXPECT_EQ(rsm(q1, "before"), "[]");
    fin(q1, false, "A9");
    EXPECT_EQ(h->state().sync, model::Sync::Gap);
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_EQ(storedCursor(), "");
    h->client->loadMissing("");
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "before"), "[]");
    h->feed(mamResult(queryId(q2), "A1", "bob@localhost/phone", "user@localhost", "hello", "2025-12-31T10:00:00Z"));
    fin(q2, false, "A1");  // the newest page; older ones exist, and that is fine here
    EXPECT_EQ(h->state().sync, model::Sync::Done);
    EXPECT_EQ(storedCursor(), "A1");
}

TEST_F(ArchivePaging, AChatsMissingMessagesAnsweredWithTheSamePageAgainKeepTheGap) {
    auto catchUp = catchUpAfterFirstLogin();  // left unanswered
    h->client->loadMissing("bob@localhost");
    auto q1 = query();
    EXPECT_EQ(xml::serialize(q1, ns::kClient).find("bob@localhost") != std::string::npos, true) << "with bob";
    results(q1, {"B1", "B2"});
    fin(q1, false, "B2");
    auto q2 = query();
    EXPECT_EQ(rsm(q2, "after"), "[B2]");
    results(q2, {"B1", "B2"});
    fin(q2, false, "B2");
    EXPECT_TRUE(h->takeSent().empty()) << "asked again by itself";
    EXPECT_TRUE(h->state().conversations.at("bob@localhost").gap) << "the person can ask again";
    EXPECT_EQ(count("mB1"), 1u);
    // The retry runs.
    h->client->loadMissing("bob@localhost");
    EXPECT_EQ(rsm(query(), "after"), "none");
}

// Scrolling back: an empty page that says "more" is not the start of the chat's history.
TEST_F(ArchivePaging, AnEmptyIncompleteOlderPageIsNotTheStartOfTheHistory) {
    firstLoginWithTwoArchived();
    h->client->loadOlder("bob@localhost");
    auto q = query();
    EXPECT_EQ(rsm(q, "before"), "[A1]");
    fin(q, false, "A0");
    const model::Conversation& conv = h->state().conversations.at("bob@localhost");
    EXPECT_FALSE(conv.loadingOlder);
    EXPECT_FALSE(conv.archiveStart) << "\"the beginning of the history\" would be a lie";
    EXPECT_TRUE(h->logged("no progress"));
    EXPECT_TRUE(h->takeSent().empty());
    h->client->loadOlder("bob@localhost");  // the person scrolls up again: asked again
    EXPECT_EQ(rsm(query(), "before"), "[A1]");
}

}  // namespace
}  // namespace starling
