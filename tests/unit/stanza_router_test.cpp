// The stanza router (core/router/stanza_router.h): matching by kind, type and payload; IQ answers and
// the one place unhandled, malformed and id-less IQs are dealt with; no re-entrant dispatch.
#include "core/router/stanza_router.h"

#include <gtest/gtest.h>

#include "core/xml/ns.h"
#include "stream_test_server.h"

namespace starling::router {
namespace {

class Router : public ::testing::Test {
protected:
    StanzaRouter router{[this](const xml::Element& e) { sent.push_back(e); },
                        [this](std::string_view line) { logs.emplace_back(line); }};
    std::vector<xml::Element> sent;
    std::vector<std::string> logs;
    void feed(const std::string& text) { router.dispatch(test::parseXml(text)); }
};

TEST_F(Router, AnIqGoesToTheHandlerOfItsPayloadWhichAnswersAResult) {
    int pings = 0;
    router.onIq("ping", {"get"}, ns::kPing, "ping", [&](const xml::Element&, const xml::Element& payload) {
        EXPECT_TRUE(payload.is(ns::kPing, "ping"));
        ++pings;
        return IqAnswer::result();
    });
    feed(R"(<iq xmlns="jabber:client" type="get" id="p1" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>)");
    EXPECT_EQ(pings, 1);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(xml::equivalent(sent[0], test::parseXml(R"(<iq xmlns="jabber:client" type="result" id="p1" to="localhost"/>)")));
    // A set of the same payload is not this handler's ("get" only): service-unavailable.
    feed(R"(<iq xmlns="jabber:client" type="set" id="p2" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>)");
    EXPECT_EQ(pings, 1);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_NE(sent[1].child(ns::kClient, "error")->child(ns::kStanzaErrors, "service-unavailable"), nullptr);
}

TEST_F(Router, AHandlerAnswersAPayloadOrAStanzaErrorWithText) {
    router.onIq("t", {"get"}, "urn:example:t", "q", [](const xml::Element& iq, const xml::Element&) {
        if (iq.attr("id") == "bad") return IqAnswer::error("modify", "not-acceptable", "no");
        xml::Element payload("urn:example:t", "q");
        payload.setAttr("n", "1");
        return IqAnswer::result(payload);
    });
    feed(R"(<iq xmlns="jabber:client" type="get" id="ok" from="a@b/c"><q xmlns="urn:example:t"/></iq>)");
    feed(R"(<iq xmlns="jabber:client" type="get" id="bad" from="a@b/c"><q xmlns="urn:example:t"/></iq>)");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(xml::equivalent(sent[0], test::parseXml(
        R"(<iq xmlns="jabber:client" type="result" id="ok" to="a@b/c"><q xmlns="urn:example:t" n="1"/></iq>)")));
    EXPECT_TRUE(xml::equivalent(sent[1], test::parseXml(
        R"(<iq xmlns="jabber:client" type="error" id="bad" to="a@b/c"><error type="modify">)"
        R"(<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>)"
        R"(<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">no</text></error></iq>)")))
        << xml::serialize(sent[1], ns::kClient);
}

TEST_F(Router, UnhandledMalformedAndIdlessIqsAreDealtWithInOnePlace) {
    feed(R"(<iq xmlns="jabber:client" type="get" id="v" from="a@b/c"><query xmlns="jabber:iq:version"/></iq>)");
    feed(R"(<iq xmlns="jabber:client" type="set" id="none" from="a@b/c"/>)");
    feed(R"(<iq xmlns="jabber:client" type="get" id="two" from="a@b/c"><a xmlns="urn:x"/><b xmlns="urn:x"/></iq>)");
    feed(R"(<iq xmlns="jabber:client" type="get" from="a@b/c"><ping xmlns="urn:xmpp:ping"/></iq>)");
    feed(R"(<iq xmlns="jabber:client" type="result" id="r" from="a@b/c"/>)");  // the IQ tracker's, not ours
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].attr("id"), "v");
    EXPECT_NE(sent[0].child(ns::kClient, "error")->child(ns::kStanzaErrors, "service-unavailable"), nullptr);
    EXPECT_EQ(sent[1].attr("id"), "none");
    EXPECT_NE(sent[1].child(ns::kClient, "error")->child(ns::kStanzaErrors, "bad-request"), nullptr);
    EXPECT_EQ(sent[2].attr("id"), "two");
    EXPECT_NE(sent[2].child(ns::kClient, "error")->child(ns::kStanzaErrors, "bad-request"), nullptr);
    EXPECT_EQ(logs.size(), 5u);
}

TEST_F(Router, MessagesGoToPayloadHandlersFirstThenToCatchAllsUntilOneTakesThem) {
    std::vector<std::string> calls;
    router.onMessage("all", {}, [&](const xml::Element&) {
        calls.push_back("all");
        return Handled::Yes;
    });
    router.onMessage("event", Filter{Kind::Message, {}, ns::kPubsubEvent, "event"}, [&](const xml::Element& m) {
        calls.push_back("event");
        return m.attr("id") == "mine" ? Handled::Yes : Handled::No;
    });
    router.onMessage("errors", Filter{Kind::Message, {"error"}, "", ""}, [&](const xml::Element&) {
        calls.push_back("errors");
        return Handled::Yes;
    });
    feed(R"(<message xmlns="jabber:client" id="mine"><event xmlns="http://jabber.org/protocol/pubsub#event"/></message>)");
    feed(R"(<message xmlns="jabber:client" id="other"><event xmlns="http://jabber.org/protocol/pubsub#event"/></message>)");
    feed(R"(<message xmlns="jabber:client" type="error" id="e"/>)");
    EXPECT_EQ(calls, (std::vector<std::string>{"event", "event", "all", "all"}));
    // A presence nobody registered for is dropped with a log line, never answered.
    feed(R"(<presence xmlns="jabber:client" from="a@b/c"/>)");
    EXPECT_TRUE(sent.empty());
    EXPECT_NE(logs.back().find("dropped presence"), std::string::npos);
}

TEST_F(Router, HandlersAddedOrRemovedDuringADispatchTakeEffectAfterIt) {
    std::vector<std::string> calls;
    StanzaRouter::HandlerId second = 0;
    StanzaRouter::HandlerId first = router.onMessage("first", {}, [&](const xml::Element&) {
        calls.push_back("first");
        router.remove(first);   // removes itself …
        router.remove(second);  // … and the next one, which still runs in this dispatch
        router.onMessage("late", {}, [&](const xml::Element&) {
            calls.push_back("late");
            return Handled::Yes;
        });
        return Handled::No;
    });
    second = router.onMessage("second", {}, [&](const xml::Element&) {
        calls.push_back("second");
        return Handled::Yes;
    });
    feed(R"(<message xmlns="jabber:client" id="1"><body>x</body></message>)");
    EXPECT_EQ(calls, (std::vector<std::string>{"first", "second"})) << "the handlers as the dispatch began";
    feed(R"(<message xmlns="jabber:client" id="2"><body>x</body></message>)");
    EXPECT_EQ(calls, (std::vector<std::string>{"first", "second", "late"}));
    ASSERT_EQ(router.registrations().size(), 1u);
    EXPECT_EQ(router.registrations()[0].module, "late");
}

}  // namespace
}  // namespace starling::router
