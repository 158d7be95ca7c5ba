// XEP-0191 Blocking Command: the payloads against the XEP's own examples (tests/fixtures/xml/xep0191,
// named by example number; examples 8, 12 and 15 show one push to each of two resources, the fixture is
// the first), and the module through a whole Client: the list asked on login, block/unblock, the
// server's pushes from our account applied and answered, anyone else's refused.
#include "core/xep/xep0191_blocking.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
using test::fixtureText;
using test::stanza;
using Jids = std::vector<std::string>;

// The request as the XEP shows it, without what the session adds or the example happens to carry.
xml::Element withoutIdAndFrom(xml::Element e) {
    e.removeAttr("id");
    e.removeAttr("from");
    return e;
}

const xml::Element& payloadOf(const xml::Element& iq) {
    static const xml::Element none;
    for (const xml::Element& child : iq.children())
        if (child.ns() == ns::kBlocking) return child;
    ADD_FAILURE() << "no urn:xmpp:blocking payload in " << xml::serialize(iq, ns::kClient);
    return none;
}

TEST(Xep0191Blocking, BlocklistRequestIsExample3) {
    xml::Element ours = xep::blocklistGetIq();
    EXPECT_TRUE(xml::equivalent(ours, withoutIdAndFrom(fixture("xep0191/03.xml")))) << xml::serialize(ours, ns::kClient);
}

TEST(Xep0191Blocking, ItemsOfTheListsOfExamples4And5) {
    EXPECT_EQ(xep::blockingItems(payloadOf(fixture("xep0191/04.xml"))), (Jids{"romeo@montague.net", "iago@shakespeare.lit"}));
    EXPECT_EQ(xep::blockingItems(payloadOf(fixture("xep0191/05.xml"))), Jids{});
}

// Parsed from the XEP's command, serialized again: the same command (block, unblock one, unblock all).
TEST(Xep0191Blocking, CommandsRoundTripExamples6And10And13) {
    struct Case {
        const char* file;
        bool block;
        Jids jids;
    } cases[] = {{"xep0191/06.xml", true, {"romeo@montague.net"}},
                 {"xep0191/10.xml", false, {"romeo@montague.net"}},
                 {"xep0191/13.xml", false, {}}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        const xml::Element example = fixture(c.file);
        const Jids parsed = xep::blockingItems(payloadOf(example));
        EXPECT_EQ(parsed, c.jids);
        xml::Element ours = xep::blockIq(c.block, parsed);
        EXPECT_TRUE(xml::equivalent(ours, withoutIdAndFrom(example))) << xml::serialize(ours, ns::kClient);
    }
}

TEST(Xep0191Blocking, PushesOfExamples8And12And15) {
    const xml::Element block = fixture("xep0191/08.xml");
    EXPECT_EQ(payloadOf(block).name(), "block");
    EXPECT_EQ(xep::blockingItems(payloadOf(block)), Jids{"romeo@montague.net"});
    const xml::Element unblock = fixture("xep0191/12.xml");
    EXPECT_EQ(payloadOf(unblock).name(), "unblock");
    EXPECT_EQ(xep::blockingItems(payloadOf(unblock)), Jids{"romeo@montague.net"});
    const xml::Element all = fixture("xep0191/15.xml");
    EXPECT_EQ(payloadOf(all).name(), "unblock");
    EXPECT_EQ(xep::blockingItems(payloadOf(all)), Jids{});
}

TEST(Xep0191Blocking, ItemsAreNormalizedAndInvalidOnesLeftOut) {
    const xml::Element list = test::parseStanza(
        "<blocklist xmlns='urn:xmpp:blocking'><item jid='Romeo@Montague.NET'/><item jid='@nobody'/>"
        "<item/><item jid='spam.example'/><item jid='iago@shakespeare.lit/Phone'/>"
        "<other xmlns='urn:xmpp:blocking' jid='x@y'/><item xmlns='urn:other' jid='z@y'/></blocklist>");
    EXPECT_EQ(xep::blockingItems(list), (Jids{"romeo@montague.net", "spam.example", "iago@shakespeare.lit/Phone"}));
}

TEST(Xep0191Blocking, AtMostTheLimitOfItemsIsTaken) {
    xml::Element list(ns::kBlocking, "blocklist");
    for (std::size_t i = 0; i < xep::kBlocklistMax + 5; ++i)
        list.add(ns::kBlocking, "item").setAttr("jid", "u" + std::to_string(i) + "@example.org");
    EXPECT_EQ(xep::blockingItems(list).size(), xep::kBlocklistMax);
}

// --- The module through a whole Client ---------------------------------------------------------------

class Xep0191BlockingClient : public test::LoggedInClientTest {
protected:
    // An IQ from the server to our session (no from: what Prosody sends), payload as given.
    void push(const std::string& id, const std::string& payload, const std::string& from = "") {
        const std::string fromAttr = from.empty() ? "" : R"( from=")" + from + R"(")";
        h->feed(R"(<iq xmlns="jabber:client" type="set" id=")" + id + R"(" to=")" + h->boundJid + R"(")" + fromAttr +
                ">" + payload + "</iq>");
    }
    // The one stanza sent, expected to be the IQ reply of that type with that id.
    void expectReply(const std::string& id, const std::string& type) {
        auto sent = h->takeSent();
        ASSERT_EQ(sent.size(), 1u);
        EXPECT_TRUE(sent[0].is(ns::kClient, "iq"));
        EXPECT_EQ(sent[0].attr("type"), type) << xml::serialize(sent[0], ns::kClient);
        EXPECT_EQ(sent[0].attr("id"), id);
    }
    void result(const xml::Element& request, const std::string& type = "result", const std::string& inner = "") {
        h->feed(R"(<iq xmlns="jabber:client" type=")" + type + R"(" id=")" + std::string(request.attr("id")) + R"(">)" +
                inner + "</iq>");
    }
    const Jids& blocked() const { return h->state().blocked; }
};

// The list is asked once the session is online (with the XEP's own request); its answer, example 4,
// fills State::blocked sorted, and says the server supports blocking.
TEST_F(Xep0191BlockingClient, TheListIsAskedOnLoginAndFillsTheState) {
    h = std::make_unique<test::ClientHarness>(dir.path);
    h->autoAnswerSync = false;
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, test::kBobRoster);
    const xml::Element* get = nullptr;
    for (const auto& e : h->extraAfterLogin)
        if (e.child(ns::kBlocking, "blocklist")) get = &e;
    ASSERT_NE(get, nullptr) << "no blocklist request after login";
    EXPECT_TRUE(xml::equivalent(withoutIdAndFrom(*get), withoutIdAndFrom(fixture("xep0191/03.xml"))))
        << xml::serialize(*get, ns::kClient);
    EXPECT_FALSE(h->state().blockingSupported);  // not before the answer
    std::string answer = fixtureText("xep0191/04.xml");
    answer.replace(answer.find("blocklist1"), 10, std::string(get->attr("id")));
    h->feed(stanza(answer));
    EXPECT_EQ(blocked(), (Jids{"iago@shakespeare.lit", "romeo@montague.net"}));
    EXPECT_TRUE(h->state().blockingSupported);
}

// A server without XEP-0191 answers the request with an error: nothing is blocked, and the UI learns
// that blocking is not offered.
TEST_F(Xep0191BlockingClient, AnErrorToTheListRequestMeansNoBlockingSupport) {
    h = std::make_unique<test::ClientHarness>(dir.path);
    h->autoAnswerSync = false;
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, test::kBobRoster);
    const xml::Element* get = nullptr;
    for (const auto& e : h->extraAfterLogin)
        if (e.child(ns::kBlocking, "blocklist")) get = &e;
    ASSERT_NE(get, nullptr);
    result(*get, "error",
           R"(<error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>)");
    EXPECT_FALSE(h->state().blockingSupported);
    EXPECT_TRUE(blocked().empty());
}

// block(): the command goes out normalized; State::blocked changes only with the server's result.
TEST_F(Xep0191BlockingClient, BlockSendsTheCommandAndTheResultUpdatesTheState) {
    logIn();
    EXPECT_TRUE(h->state().blockingSupported);  // the harness answered an empty list
    ASSERT_TRUE(h->client->block("  Romeo@Montague.NET "));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(xml::equivalent(withoutIdAndFrom(sent[0]), withoutIdAndFrom(fixture("xep0191/06.xml"))))
        << xml::serialize(sent[0], ns::kClient);
    EXPECT_TRUE(blocked().empty());
    result(sent[0]);
    EXPECT_EQ(blocked(), Jids{"romeo@montague.net"});
    EXPECT_EQ(h->state().notice, "blocked");
    // The server's push for the same change (to every interested resource, ours too) changes nothing more.
    push("push1", R"(<block xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/></block>)");
    expectReply("push1", "result");
    EXPECT_EQ(blocked(), Jids{"romeo@montague.net"});

    ASSERT_TRUE(h->client->unblock("romeo@montague.net"));
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(xml::equivalent(withoutIdAndFrom(sent[0]), withoutIdAndFrom(fixture("xep0191/10.xml"))))
        << xml::serialize(sent[0], ns::kClient);
    result(sent[0]);
    EXPECT_TRUE(blocked().empty());
    EXPECT_EQ(h->state().notice, "unblocked");
}

TEST_F(Xep0191BlockingClient, UnblockEveryoneSendsTheEmptyUnblock) {
    logIn();
    push("p1", R"(<block xmlns="urn:xmpp:blocking"><item jid="a@x.example"/><item jid="b@x.example"/></block>)");
    expectReply("p1", "result");
    ASSERT_EQ(blocked().size(), 2u);
    ASSERT_TRUE(h->client->unblock(""));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(xml::equivalent(withoutIdAndFrom(sent[0]), withoutIdAndFrom(fixture("xep0191/13.xml"))))
        << xml::serialize(sent[0], ns::kClient);
    result(sent[0]);
    EXPECT_TRUE(blocked().empty());
}

TEST_F(Xep0191BlockingClient, AnErrorToTheCommandLeavesTheStateAndSaysSo) {
    logIn();
    ASSERT_TRUE(h->client->block("romeo@montague.net"));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    result(sent[0], "error", R"(<error type="modify"><jid-malformed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>)");
    EXPECT_TRUE(blocked().empty());
    EXPECT_EQ(h->state().notice, "blocking-error");
}

// The XEP's pushes (examples 8, 12, 15, addressed to our session) from our server are applied, each
// answered with a result; our own account (bare or another resource) may push too.
TEST_F(Xep0191BlockingClient, PushesFromOurServerAreAppliedAndAnswered) {
    logIn();
    auto toUs = [&](const std::string& file) {
        std::string text = fixtureText(file);
        text.replace(text.find("juliet@capulet.com/chamber"), 26, h->boundJid);
        return stanza(text);
    };
    h->feed(toUs("xep0191/08.xml"));
    expectReply("push1", "result");
    EXPECT_EQ(blocked(), Jids{"romeo@montague.net"});
    push("p2", R"(<block xmlns="urn:xmpp:blocking"><item jid="iago@shakespeare.lit"/><item jid="spam.example"/></block>)",
         test::kAccount);
    expectReply("p2", "result");
    EXPECT_EQ(blocked(), (Jids{"iago@shakespeare.lit", "romeo@montague.net", "spam.example"}));
    h->feed(toUs("xep0191/12.xml"));
    expectReply("push3", "result");
    EXPECT_EQ(blocked(), (Jids{"iago@shakespeare.lit", "spam.example"}));
    push("p4", R"(<unblock xmlns="urn:xmpp:blocking"><item jid="not-there@x.example"/></unblock>)",
         std::string(test::kAccount) + "/other-device");
    expectReply("p4", "result");
    EXPECT_EQ(blocked().size(), 2u);
    h->feed(toUs("xep0191/15.xml"));
    expectReply("push5", "result");
    EXPECT_TRUE(blocked().empty());
}

// Anyone but our own account could otherwise make us believe someone is (un)blocked.
TEST_F(Xep0191BlockingClient, APushFromAStrangerIsRefusedAndChangesNothing) {
    logIn();
    push("p1", R"(<block xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/></block>)");
    expectReply("p1", "result");
    const std::uint64_t before = h->client->revision();
    push("evil1", R"(<block xmlns="urn:xmpp:blocking"><item jid="bob@localhost"/></block>)", "mallory@evil.example");
    expectReply("evil1", "error");
    push("evil2", R"(<unblock xmlns="urn:xmpp:blocking"/>)", "bob@localhost/phone");
    expectReply("evil2", "error");
    push("evil3", R"(<unblock xmlns="urn:xmpp:blocking"/>)", "localhost");
    expectReply("evil3", "error");
    EXPECT_EQ(blocked(), Jids{"romeo@montague.net"});
    EXPECT_EQ(h->client->revision(), before);
    EXPECT_TRUE(h->logged("blocking push from 'mallory@evil.example' refused"));
}

TEST_F(Xep0191BlockingClient, AnInvalidAddressIsANoticeAndSendsNothing) {
    logIn();
    for (const char* bad : {"", "   ", "@localhost", "user@", "a@b@c"}) {
        SCOPED_TRACE(bad);
        h->client->clearNotice();
        EXPECT_FALSE(h->client->block(bad));
        EXPECT_EQ(h->state().notice, "bad-jid");
        EXPECT_TRUE(h->takeSent().empty());
    }
    EXPECT_FALSE(h->client->unblock("@localhost"));
    EXPECT_EQ(h->state().notice, "bad-jid");
    EXPECT_TRUE(h->takeSent().empty());
}

TEST_F(Xep0191BlockingClient, OfflineIsANoticeAndSendsNothing) {
    logIn();
    h->client->onTransportClosed("gone");
    ASSERT_NE(h->state().connection, model::Connection::Online);
    h->transport.takeSent();
    EXPECT_FALSE(h->client->block("romeo@montague.net"));
    EXPECT_EQ(h->state().notice, "offline");
    EXPECT_FALSE(h->client->unblock(""));
    EXPECT_EQ(h->state().notice, "offline");
    EXPECT_TRUE(h->transport.takeSent().empty());
    EXPECT_TRUE(blocked().empty());
}

// Blocking answers a pending request too: the server drops it (Prosody) and our own answer would be
// refused, so it leaves State::subscriptionRequests; requests from others stay.
TEST_F(Xep0191BlockingClient, BlockingSomeoneDropsTheirPendingRequest) {
    logIn();
    for (const char* who : {"mallory@evil.example", "eve@spam.example", "carol@localhost"})
        h->feed(stanza(R"(<presence from=")" + std::string(who) + R"(/x" type="subscribe"/>)"));
    ASSERT_EQ(h->state().subscriptionRequests.size(), 3u);
    push("p1", R"(<block xmlns="urn:xmpp:blocking"><item jid="mallory@evil.example"/><item jid="spam.example"/></block>)");
    expectReply("p1", "result");
    EXPECT_EQ(h->state().subscriptionRequests, Jids{"carol@localhost"});
}

// Someone blocked is shown offline at once (no presence of theirs comes any more), by address or by their
// domain; the others keep theirs.
TEST_F(Xep0191BlockingClient, BlockingSomeoneShowsThemOffline) {
    logIn(R"(<item jid="bob@localhost" name="Bob" subscription="both"/>)"
          R"(<item jid="eve@spam.example" subscription="both"/><item jid="carol@localhost" subscription="both"/>)");
    for (const char* who : {"bob@localhost", "eve@spam.example", "carol@localhost"})
        h->feed(stanza(R"(<presence from=")" + std::string(who) + R"(/phone"><show>chat</show></presence>)"));
    ASSERT_EQ(model::bestShow(h->state(), "bob@localhost"), model::Show::Chat);
    push("p1", R"(<block xmlns="urn:xmpp:blocking"><item jid="bob@localhost"/><item jid="spam.example"/></block>)");
    expectReply("p1", "result");
    EXPECT_EQ(model::bestShow(h->state(), "bob@localhost"), model::Show::Offline);
    EXPECT_EQ(model::bestShow(h->state(), "eve@spam.example"), model::Show::Offline);
    EXPECT_EQ(model::bestShow(h->state(), "carol@localhost"), model::Show::Chat);
}

TEST(Xep0191BlockingState, ABareJidIsBlockedWhenListedOrItsDomainIs) {
    model::State st;
    st.blocked = {"bob@localhost/phone", "mallory@evil.example", "spam.example"};  // sorted
    EXPECT_TRUE(model::isBlocked(st, "mallory@evil.example"));
    EXPECT_TRUE(model::isBlocked(st, "anyone@spam.example"));
    EXPECT_TRUE(model::isBlocked(st, "spam.example"));
    EXPECT_FALSE(model::isBlocked(st, "bob@localhost"));  // only one resource of Bob's is blocked
    EXPECT_FALSE(model::isBlocked(st, "eve@evil.example"));
    EXPECT_FALSE(model::isBlocked(st, ""));
}

}  // namespace
}  // namespace starling
