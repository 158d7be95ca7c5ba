// OMEMO through a whole logged-in Client (fake transport, scripted server): our device list and bundle are
// published with publish-options; a message to a contact with a device is encrypted (never a plaintext
// body) after fetching its list and bundle, and that device really decrypts it; its answer is decrypted by
// the pipeline's decrypt stage; an undecryptable message is kept and names the sending device; plaintext in
// an encrypted chat stays unmarked; the per-chat switch turns encryption off and on, and "on" without any
// device fails the message instead of sending plaintext.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/crypto/hash.h"
#include "core/omemo/omemo_account.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling {
namespace {

using model::MessageStatus;
using test::stanza;

class OmemoClient : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn();
        auto b = omemo::Account::create(random, "bob@localhost", 1700000000000ULL);
        ASSERT_TRUE(b.ok());
        bob = std::move(*b);
        h->autoAnswerPep = false;  // from here on this test plays the server's PEP service
    }
    const std::vector<model::Message>& chat() { return h->state().conversations.at("bob@localhost").messages; }

    // Answers one pubsub items request from what Bob published.
    void answerItems(const xml::Element& iq) {
        const xml::Element* items = iq.child(ns::kPubsub, "pubsub")->child(ns::kPubsub, "items");
        ASSERT_NE(items, nullptr) << xml::serialize(iq, ns::kClient);
        const std::string node(items->attr("node"));
        xml::Element payload = node == xep::kOmemoDeviceListNode ? xep::omemoDeviceList({bob->deviceId()})
                                                                 : xep::omemoBundle(*bob->bundle());
        EXPECT_EQ(node == xep::kOmemoDeviceListNode ? node : xep::omemoBundleNode(bob->deviceId()), node);
        xml::Element reply(ns::kClient, "iq");
        reply.setAttr("type", "result").setAttr("id", iq.attr("id")).setAttr("from", iq.attr("to"));
        xml::Element& out = reply.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items");
        out.setAttr("node", node);
        out.add(ns::kPubsub, "item").setAttr("id", "current").add(std::move(payload));
        h->feed(xml::serialize(reply));
    }

    // Bob's list looked up before he had a device (item-not-found): the chat is plaintext.
    void plaintextChatWithBob() {
        h->client->sendMessage("bob@localhost", "before omemo");
        auto sent = h->takeSent();
        ASSERT_EQ(sent.size(), 1u);  // the device-list lookup
        h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(sent[0].attr("id")) +
                       R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
        sent = h->takeSent();
        ASSERT_EQ(sent.size(), 1u);
        EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "before omemo");
    }
    // An encrypted message from Bob's device to ours (the first one starts the session from our bundle).
    xml::Element bobEncrypted(const std::string& text) {
        const omemo::Address us{"user@localhost", static_cast<std::int32_t>(h->state().omemo.ownDeviceId)};
        if (!bob->hasSession(us)) {
            EXPECT_TRUE(bob->buildSession(us, publishedBundle()).ok());
        }
        auto e = bob->encrypt({us}, omemo::Bytes(text.begin(), text.end()));
        EXPECT_TRUE(e.ok());
        xml::Element in(ns::kClient, "message");
        in.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", "b-" + text);
        if (e) in.add(xep::omemoEncrypted(*e));
        return in;
    }
    void bobWritesEncrypted(const std::string& text) { h->feed(xml::serialize(bobEncrypted(text))); }
    // Bob's side of what our client sent: his list and bundle looked up are answered, every OMEMO element
    // our client sent him decrypted (key transports too).
    std::vector<omemo::Decrypted> bobDecrypts() {
        std::vector<omemo::Decrypted> out;
        for (auto sent = h->takeSent(); !sent.empty(); sent = h->takeSent()) {
            for (const auto& s : sent) {
                if (s.is(ns::kClient, "iq") && s.child(ns::kPubsub, "pubsub")) {
                    answerItems(s);
                    continue;
                }
                const xml::Element* enc = s.is(ns::kClient, "message") ? s.child(ns::kOmemoLegacy, "encrypted") : nullptr;
                if (!enc) continue;
                auto parsed = xep::parseOmemoEncrypted(*enc);
                EXPECT_TRUE(parsed.ok());
                if (!parsed) continue;
                auto got = bob->decrypt("user@localhost", *parsed);
                EXPECT_TRUE(got.ok()) << got.error().message;
                if (got) out.push_back(std::move(*got));
            }
        }
        return out;
    }
    // The texts Bob reads of it.
    std::vector<std::string> bobReads() {
        std::vector<std::string> texts;
        for (const auto& d : bobDecrypts())
            if (d.body) texts.emplace_back(d.body->begin(), d.body->end());
        return texts;
    }
    static std::vector<xml::Element> deviceListLookups(const std::vector<xml::Element>& sent) {
        std::vector<xml::Element> out;
        for (const auto& s : sent)
            if (s.is(ns::kClient, "iq") && xml::serialize(s, ns::kClient).find(xep::kOmemoDeviceListNode) != std::string::npos)
                out.push_back(s);
        return out;
    }
    // The newest bundle our device published (empty when none was).
    omemo::Bundle publishedBundle() {
        const std::string node = xep::omemoBundleNode(h->state().omemo.ownDeviceId);
        omemo::Bundle ours;
        for (const auto& iq : h->pepRequests) {
            const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
            const xml::Element* publish = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
            if (!publish || publish->attr("node") != node) continue;
            if (auto parsed = xep::parseOmemoBundle(*publish->child(ns::kPubsub, "item")->firstChild())) ours = *parsed;
        }
        return ours;
    }

    test::FakeRandom random{77};
    std::unique_ptr<omemo::Account> bob;
};

TEST_F(OmemoClient, PublishedOwnDeviceAndBundleWithOpenAccess) {
    const std::uint32_t own = h->state().omemo.ownDeviceId;
    ASSERT_TRUE(xep::validOmemoDeviceId(own));
    bool list = false, bundle = false;
    for (const auto& iq : h->pepRequests) {
        const std::string text = xml::serialize(iq, ns::kClient);
        if (iq.attr("type") != "set") continue;
        EXPECT_NE(text.find("pubsub#access_model"), std::string::npos) << text;
        if (text.find(xep::kOmemoDeviceListNode) != std::string::npos)
            list = text.find("<device id=\"" + std::to_string(own) + "\"/>") != std::string::npos;
        if (text.find(xep::omemoBundleNode(own)) != std::string::npos) bundle = text.find("preKeyPublic") != std::string::npos;
    }
    EXPECT_TRUE(list);
    EXPECT_TRUE(bundle);
    EXPECT_EQ(h->state().omemo.ownFingerprint.size(), 71u);
}

// The list and the bundle go out back to back, the list first: a contact never finds "no list" while
// our bundle is already there (he would write in plaintext), and asks for the bundle only after the list
// answered, a round trip after the bundle reached the server.
TEST_F(OmemoClient, OurListAndBundleArePublishedBackToBackListFirst) {
    const std::uint32_t own = h->state().omemo.ownDeviceId;
    std::ptrdiff_t list = -1, bundle = -1;
    for (std::size_t i = 0; i < h->pepRequests.size(); ++i) {
        const xml::Element& iq = h->pepRequests[i];
        const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
        const xml::Element* publish = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
        if (!publish) continue;
        if (publish->attr("node") == xep::kOmemoDeviceListNode) list = static_cast<std::ptrdiff_t>(i);
        if (publish->attr("node") == xep::omemoBundleNode(own)) bundle = static_cast<std::ptrdiff_t>(i);
    }
    ASSERT_GE(bundle, 0);
    ASSERT_GE(list, 0);
    EXPECT_EQ(bundle, list + 1) << "the bundle is not published right after the device list";
}

TEST_F(OmemoClient, EncryptsToTheContactsDeviceAndDecryptsTheAnswer) {
    const std::string secret = "Тайна 🔐 " + std::to_string(h->state().omemo.ownDeviceId);
    h->client->sendMessage("bob@localhost", secret);
    EXPECT_EQ(chat().back().status, MessageStatus::Queued);  // waits for the device list
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    answerItems(sent[0]);  // device list
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    answerItems(sent[0]);  // bundle
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    const xml::Element& m = sent[0];
    ASSERT_TRUE(m.is(ns::kClient, "message"));
    const std::string wire = xml::serialize(m, ns::kClient);
    EXPECT_EQ(wire.find(secret), std::string::npos) << "plaintext on the wire";
    EXPECT_EQ(wire.find("Тайна"), std::string::npos);
    EXPECT_NE(m.child(ns::kEme, "encryption"), nullptr);
    EXPECT_EQ(chat().back().status, MessageStatus::Sent);
    EXPECT_TRUE(chat().back().encrypted);
    EXPECT_EQ(chat().back().body, secret);  // our copy keeps the text

    auto parsed = xep::parseOmemoEncrypted(*m.child(ns::kOmemoLegacy, "encrypted"));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->sid, h->state().omemo.ownDeviceId);
    auto got = bob->decrypt("user@localhost", *parsed);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(std::string(got->body->begin(), got->body->end()), secret);

    // Bob answers; the fallback body is never the content.
    bob->setDeviceList("user@localhost", {h->state().omemo.ownDeviceId});
    auto reply = bob->encrypt({omemo::Address{"user@localhost", static_cast<std::int32_t>(parsed->sid)}},
                              omemo::Bytes{'o', 'k', '!'});
    ASSERT_TRUE(reply.ok());
    xml::Element in(ns::kClient, "message");
    in.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", "r1");
    in.addText(ns::kClient, "body", "I sent you an OMEMO encrypted message…");
    in.add(xep::omemoEncrypted(*reply));
    h->feed(xml::serialize(in));
    EXPECT_EQ(chat().back().body, "ok!");
    EXPECT_TRUE(chat().back().encrypted);
    EXPECT_EQ(chat().back().direction, model::Direction::Incoming);
    // Bob's device is known, with its fingerprint, blindly trusted; the chat is encrypted by default.
    ASSERT_EQ(h->state().omemo.devices.at("bob@localhost").size(), 1u);
    EXPECT_EQ(h->state().omemo.devices.at("bob@localhost")[0].fingerprint, bob->ownFingerprint());
    EXPECT_TRUE(h->state().omemo.chatEncrypted.at("bob@localhost"));

    // Plaintext arriving in this encrypted chat is not marked encrypted.
    h->feed(stanza(R"(<message from="bob@localhost/pc" type="chat" id="p1"><body>plain</body></message>)"));
    EXPECT_EQ(chat().back().body, "plain");
    EXPECT_FALSE(chat().back().encrypted);
}

TEST_F(OmemoClient, UndecryptableIsShownWithTheSendingDeviceNeverTheFallback) {
    auto alien = omemo::Account::create(random, "user@localhost", 1700000000000ULL);
    ASSERT_TRUE(alien.ok());
    // Encrypted for some other device of ours only.
    ASSERT_TRUE(bob->buildSession(omemo::Address{"user@localhost", static_cast<std::int32_t>((*alien)->deviceId())},
                                  *(*alien)->bundle())
                    .ok());
    auto e = bob->encrypt({omemo::Address{"user@localhost", static_cast<std::int32_t>((*alien)->deviceId())}},
                          omemo::Bytes{'x'});
    ASSERT_TRUE(e.ok());
    xml::Element in(ns::kClient, "message");
    in.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", "u1");
    in.addText(ns::kClient, "body", "FALLBACK TEXT");
    in.add(xep::omemoEncrypted(*e));
    h->feed(xml::serialize(in));
    const model::Message& m = chat().back();
    EXPECT_TRUE(m.body.empty());
    EXPECT_TRUE(m.encrypted);
    EXPECT_EQ(m.error, "omemo-undecryptable " + std::to_string(bob->deviceId()));
    // A broken element too.
    h->feed(stanza(R"(<message from="bob@localhost/phone" type="chat" id="u2"><body>FALLBACK</body>)"
                   R"(<encrypted xmlns="eu.siacs.conversations.axolotl"><header sid="0"/></encrypted></message>)"));
    EXPECT_TRUE(chat().back().body.empty());
    EXPECT_EQ(chat().back().error, "omemo-undecryptable 0");
}

TEST_F(OmemoClient, BodylessKeyTransportStartsTheSessionAndUsesUpThePreKey) {
    // Bob starts a session from our bundle and sends only a key (no <body/>, no <payload/>).
    const std::uint32_t own = h->state().omemo.ownDeviceId;
    const omemo::Address us{"user@localhost", static_cast<std::int32_t>(own)};
    const omemo::Bundle ours = publishedBundle();
    ASSERT_FALSE(ours.preKeys.empty());
    ASSERT_TRUE(bob->buildSession(us, ours).ok());
    auto e = bob->encrypt({us}, omemo::Bytes{});
    ASSERT_TRUE(e.ok());
    e->payload.reset();
    xml::Element in(ns::kClient, "message");
    in.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", "k1");
    in.add(xep::omemoEncrypted(*e));
    h->feed(xml::serialize(in));
    auto conv = h->state().conversations.find("bob@localhost");
    EXPECT_TRUE(conv == h->state().conversations.end() || conv->second.messages.empty()) << "nothing to show";
    // The pre-key it used is gone: the bundle is published again with a full supply.
    bool republished = false;
    for (const auto& iq : h->takeSent()) {
        const std::string text = xml::serialize(iq, ns::kClient);
        if (text.find(xep::omemoBundleNode(own)) == std::string::npos) continue;
        const xml::Element* item = iq.child(ns::kPubsub, "pubsub")->child(ns::kPubsub, "publish")->child(ns::kPubsub, "item");
        auto again = xep::parseOmemoBundle(*item->firstChild());
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again->preKeys.size(), omemo::kPreKeySupply);
        republished = true;
    }
    EXPECT_TRUE(republished);
    // Bob's next message, without a body either, carries text: it is shown.
    auto next = bob->encrypt({us}, omemo::Bytes{'h', 'i'});
    ASSERT_TRUE(next.ok());
    xml::Element in2(ns::kClient, "message");
    in2.setAttr("from", "bob@localhost/phone").setAttr("type", "chat").setAttr("id", "k2");
    in2.add(xep::omemoEncrypted(*next));
    h->feed(xml::serialize(in2));
    ASSERT_EQ(h->state().conversations.count("bob@localhost"), 1u);
    EXPECT_EQ(chat().back().body, "hi");
    EXPECT_TRUE(chat().back().encrypted);
}

// Bob and Carol took the same pre-key from a bundle fetched before our republish (the race of
// XEP-0384's business rules): both messages are read. Ten minutes after the catch-up the used key is
// wiped, and a third sender of that stale bundle is undecryptable — as before, but no sooner.
TEST_F(OmemoClient, TwoSendersOfOneStaleBundleAreBothReadAndTheUsedKeyIsWipedAfterTheGrace) {
    ASSERT_EQ(h->state().sync, model::Sync::Done);
    const omemo::Address us{"user@localhost", static_cast<std::int32_t>(h->state().omemo.ownDeviceId)};
    omemo::Bundle stale = publishedBundle();
    ASSERT_FALSE(stale.preKeys.empty());
    stale.preKeys.resize(1);
    auto fromStale = [&](omemo::Account& sender, const std::string& jid, const std::string& text) {
        EXPECT_TRUE(sender.buildSession(us, stale).ok());
        auto e = sender.encrypt({us}, omemo::Bytes(text.begin(), text.end()));
        EXPECT_TRUE(e.ok());
        xml::Element in(ns::kClient, "message");
        in.setAttr("from", jid + "/phone").setAttr("type", "chat").setAttr("id", "s-" + text);
        if (e) in.add(xep::omemoEncrypted(*e));
        h->feed(xml::serialize(in));
        const auto& messages = h->state().conversations.at(jid).messages;
        return messages.empty() ? model::Message{} : messages.back();
    };
    auto account = [&](const std::string& bare) {
        auto a = omemo::Account::create(random, bare, 1700000000000ULL);
        EXPECT_TRUE(a.ok());
        return std::move(*a);
    };
    EXPECT_EQ(fromStale(*bob, "bob@localhost", "from bob").body, "from bob");
    auto carol = account("carol@localhost");
    const model::Message second = fromStale(*carol, "carol@localhost", "from carol");
    EXPECT_EQ(second.body, "from carol") << second.error;
    EXPECT_TRUE(second.error.empty());
    // Carol's session rests on a pre-key Bob used too: an empty message moves it on at once, and she reads it.
    int moved = 0;
    for (const auto& s : h->takeSent()) {
        const xml::Element* enc = s.is(ns::kClient, "message") ? s.child(ns::kOmemoLegacy, "encrypted") : nullptr;
        if (!enc) continue;
        EXPECT_EQ(s.attr("to"), "carol@localhost");
        auto parsed = xep::parseOmemoEncrypted(*enc);
        ASSERT_TRUE(parsed.ok());
        EXPECT_FALSE(parsed->payload.has_value());
        auto got = carol->decrypt("user@localhost", *parsed);
        ASSERT_TRUE(got.ok()) << got.error().message;
        EXPECT_FALSE(got->usedPreKey);  // in the session she started, not a new one
        ++moved;
    }
    EXPECT_EQ(moved, 1);

    h->clock.advance(omemo::kUsedPreKeyGraceMs - 1000);
    h->client->onTimer();
    auto dave = account("dave@localhost");
    EXPECT_EQ(fromStale(*dave, "dave@localhost", "from dave").body, "from dave") << "wiped before the grace ended";

    h->clock.advance(2000);
    h->client->onTimer();
    auto erin = account("erin@localhost");
    const model::Message late = fromStale(*erin, "erin@localhost", "from erin");
    EXPECT_TRUE(late.body.empty());
    EXPECT_EQ(late.error.rfind("omemo-undecryptable", 0), 0u) << late.error;
}

// Bob's session with us is broken (his key exchange names a pre-key we do not hold): everything he
// encrypts to us would stay unreadable. We start a new session from his bundle with an empty key
// transport message (XEP-0384's business rules), once; his next message is read.
TEST_F(OmemoClient, ABrokenSessionIsRepairedWithAKeyTransportAndTheNextMessageIsRead) {
    const omemo::Address us{"user@localhost", static_cast<std::int32_t>(h->state().omemo.ownDeviceId)};
    omemo::Bundle wrong = publishedBundle();
    ASSERT_FALSE(wrong.preKeys.empty());
    wrong.preKeys.resize(1);
    wrong.preKeys[0].id = 0xFFFFF0;  // no pre-key of ours has this id
    ASSERT_TRUE(bob->buildSession(us, wrong).ok());
    bobWritesEncrypted("lost");
    EXPECT_EQ(chat().back().error.rfind("omemo-undecryptable", 0), 0u) << chat().back().error;

    // Our answer: his bundle looked up, then a key transport (no payload) in a new session, which Bob reads.
    const auto answers = bobDecrypts();
    ASSERT_EQ(answers.size(), 1u) << "one key transport";
    EXPECT_FALSE(answers[0].body.has_value());
    EXPECT_TRUE(answers[0].usedPreKey);

    bobWritesEncrypted("after the repair");
    EXPECT_EQ(chat().back().body, "after the repair") << chat().back().error;

    // A second broken message in this session asks for no second repair.
    omemo::Bundle again = wrong;
    ASSERT_TRUE(bob->buildSession(us, again).ok());
    bobWritesEncrypted("lost again");
    for (const auto& s : h->takeSent()) EXPECT_EQ(s.child(ns::kOmemoLegacy, "encrypted"), nullptr);
}

TEST_F(OmemoClient, SwitchOffSendsPlaintextSwitchOnWithoutDevicesFails) {
    h->client->setChatEncryption("carol@localhost", true);
    h->client->sendMessage("carol@localhost", "must not leak");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);  // the device-list lookup: Carol has none
    h->feed(stanza(R"(<iq type="error" from="carol@localhost" id=")" + std::string(sent[0].attr("id")) +
                   R"("><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    EXPECT_TRUE(h->takeSent().empty()) << "nothing may be sent in plaintext";
    const auto& carol = h->state().conversations.at("carol@localhost").messages;
    EXPECT_EQ(carol.back().status, MessageStatus::Failed);
    EXPECT_EQ(carol.back().error, "omemo-no-trusted-device");

    h->client->setChatEncryption("carol@localhost", false);
    h->client->sendMessage("carol@localhost", "fine in plaintext");
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "fine in plaintext");
    EXPECT_FALSE(h->state().conversations.at("carol@localhost").messages.back().encrypted);
}

// Bob's list was looked up before he had any device (a plaintext chat), then he writes encrypted from a
// new device: the list is asked for again at once, and our answer waits for it instead of leaving in
// plaintext, then goes out encrypted to that device over the session his message started.
TEST_F(OmemoClient, AMessageFromAnUnlistedDeviceLooksTheListUpAgainBeforeTheAnswer) {
    plaintextChatWithBob();
    bobWritesEncrypted("hi");
    EXPECT_EQ(chat().back().body, "hi");
    auto lookups = deviceListLookups(h->takeSent());
    ASSERT_EQ(lookups.size(), 1u) << "the list is asked for again";

    h->client->sendMessage("bob@localhost", "секретный ответ");
    for (const auto& s : h->takeSent()) EXPECT_FALSE(s.is(ns::kClient, "message")) << xml::serialize(s, ns::kClient);
    EXPECT_EQ(chat().back().status, MessageStatus::Queued);

    answerItems(lookups[0]);  // now with Bob's device; his message already gave us the session
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    ASSERT_TRUE(sent[0].is(ns::kClient, "message"));
    EXPECT_EQ(xml::serialize(sent[0], ns::kClient).find("секретный"), std::string::npos);
    auto parsed = xep::parseOmemoEncrypted(*sent[0].child(ns::kOmemoLegacy, "encrypted"));
    ASSERT_TRUE(parsed.ok());
    auto got = bob->decrypt("user@localhost", *parsed);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(std::string(got->body->begin(), got->body->end()), "секретный ответ");
    EXPECT_TRUE(chat().back().encrypted);
}

// A list never seen whose lookup got no answer is not guessed empty: the message waits (never plaintext
// on a guess), the list is asked again, and the answer decides.
TEST_F(OmemoClient, ALookupWithoutAnswerIsAskedAgainNotTakenForNoDevices) {
    h->client->sendMessage("bob@localhost", "не наугад");
    auto lookups = deviceListLookups(h->takeSent());
    ASSERT_EQ(lookups.size(), 1u);
    h->clock.advance(31000);  // the lookup times out
    h->client->onTimer();
    auto sent = h->takeSent();
    for (const auto& s : sent) EXPECT_FALSE(s.is(ns::kClient, "message")) << xml::serialize(s, ns::kClient);
    EXPECT_EQ(chat().back().status, MessageStatus::Queued);
    EXPECT_EQ(h->state().omemo.waitingForKeys.count("bob@localhost"), 1u);  // the chat can say why
    lookups = deviceListLookups(sent);
    ASSERT_EQ(lookups.size(), 1u) << "asked again";
    answerItems(lookups[0]);  // Bob's device
    answerItems(h->takeSent().at(0));  // its bundle
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);
    EXPECT_EQ(xml::serialize(sent[0], ns::kClient).find("наугад"), std::string::npos);
    EXPECT_TRUE(chat().back().encrypted);
    EXPECT_TRUE(h->state().omemo.waitingForKeys.empty());
}

// The same for a bundle: no answer does not mark the device unusable for the session.
TEST_F(OmemoClient, ABundleLookupWithoutAnswerIsAskedAgain) {
    h->client->sendMessage("bob@localhost", "wait for the bundle");
    answerItems(h->takeSent().at(0));  // Bob's list
    ASSERT_EQ(h->takeSent().size(), 1u);  // the bundle lookup, left unanswered
    h->clock.advance(31000);
    h->client->onTimer();
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u) << "the bundle is asked again";
    EXPECT_FALSE(sent[0].is(ns::kClient, "message"));
    answerItems(sent[0]);
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);
    EXPECT_EQ(chat().back().status, MessageStatus::Sent);
}

// Found by the blocking e2e test: while Bob's server refuses our requests (he blocked us: service-
// unavailable) the message fails; once he unblocks, the next message asks for his bundle again and goes
// out encrypted — not "no trusted device" until we reconnect.
TEST_F(OmemoClient, ABundleRefusedByTheServerIsAskedAgainForTheNextMessage) {
    h->client->sendMessage("bob@localhost", "while blocked");
    answerItems(h->takeSent().at(0));  // Bob's list (known before he blocked us)
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);  // the bundle lookup
    h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(sent[0].attr("id")) +
                   R"("><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    ASSERT_EQ(chat().back().status, MessageStatus::Failed);
    EXPECT_EQ(chat().back().error, "omemo-no-trusted-device");
    EXPECT_TRUE(h->takeSent().empty()) << "the failed message asks nothing more";
    h->client->sendMessage("bob@localhost", "after unblock");
    EXPECT_EQ(bobReads(), std::vector<std::string>{"after unblock"});
    EXPECT_EQ(chat().back().status, MessageStatus::Sent);
    EXPECT_TRUE(chat().back().encrypted);
}

// Issue 11: Bob's device was listed but its bundle not there yet (a new account, or a client that lists
// its device before publishing the bundle): the message fails, visibly; the next message, and a resend of
// the failed one, ask for the bundle again and go out encrypted. Before, the device stayed unusable until
// we reconnected and every message to Bob failed.
TEST_F(OmemoClient, ABundleNotPublishedYetIsAskedAgainForTheNextMessage) {
    h->client->sendMessage("bob@localhost", "one");
    answerItems(h->takeSent().at(0));
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(sent[0].attr("id")) +
                   R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    ASSERT_EQ(chat().back().status, MessageStatus::Failed);
    EXPECT_EQ(chat().back().error, "omemo-no-trusted-device");
    EXPECT_TRUE(h->takeSent().empty()) << "the failed message asks nothing more";
    const std::string failedId = chat().back().id;
    h->client->sendMessage("bob@localhost", "two");
    EXPECT_EQ(bobReads(), std::vector<std::string>{"two"});
    EXPECT_EQ(chat().back().status, MessageStatus::Sent);
    h->client->resendMessage("bob@localhost", failedId);
    EXPECT_EQ(bobReads(), std::vector<std::string>{"one"});
    for (const auto& m : chat()) EXPECT_EQ(m.status, MessageStatus::Sent) << m.body;
}

// A device without a bundle beside one that works costs one lookup per session, not one per message.
TEST_F(OmemoClient, ADeviceWithoutABundleBesideAWorkingOneIsLookedUpOncePerSession) {
    const std::uint32_t stale = 4242;
    h->client->sendMessage("bob@localhost", "one");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);  // the list: his device and a stale one
    xml::Element reply(ns::kClient, "iq");
    reply.setAttr("type", "result").setAttr("id", sent[0].attr("id")).setAttr("from", "bob@localhost");
    reply.add(ns::kPubsub, "pubsub").add(ns::kPubsub, "items").setAttr("node", xep::kOmemoDeviceListNode)
        .add(ns::kPubsub, "item").setAttr("id", "current").add(xep::omemoDeviceList({bob->deviceId(), stale}));
    h->feed(xml::serialize(reply));
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 2u);  // both bundles
    for (const auto& lookup : sent) {
        if (xml::serialize(lookup, ns::kClient).find(xep::omemoBundleNode(stale)) != std::string::npos)
            h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(lookup.attr("id")) +
                           R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
        else
            answerItems(lookup);
    }
    EXPECT_EQ(bobReads(), std::vector<std::string>{"one"});
    h->client->sendMessage("bob@localhost", "two");
    sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u) << "no second lookup of the stale device";
    EXPECT_TRUE(sent[0].is(ns::kClient, "message"));
    EXPECT_EQ(chat().back().status, MessageStatus::Sent);
}

// A device its owner does not list (removed, or a client that never publishes one) costs one lookup per
// session, not one per message.
TEST_F(OmemoClient, AnUnlistedDeviceIsLookedUpOncePerSession) {
    plaintextChatWithBob();
    bobWritesEncrypted("one");
    auto lookups = deviceListLookups(h->takeSent());
    ASSERT_EQ(lookups.size(), 1u);
    h->feed(stanza(R"(<iq type="error" from="bob@localhost" id=")" + std::string(lookups[0].attr("id")) +
                   R"("><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>)"));
    bobWritesEncrypted("two");
    bobWritesEncrypted("three");
    EXPECT_EQ(chat().back().body, "three");
    EXPECT_TRUE(deviceListLookups(h->takeSent()).empty());
}

// Found by the 1,000-message e2e test: our first message waits for Bob's bundle; his first message
// starts the session meanwhile. What we write next must not overtake the first one: both go, in order,
// over his session (the bundle answered later starts no second one).
TEST_F(OmemoClient, AMessageWrittenWhileAnEarlierOneWaitsForKeysDoesNotOvertakeIt) {
    h->client->sendMessage("bob@localhost", "first");
    answerItems(h->takeSent().at(0));  // Bob's list
    auto bundleLookup = h->takeSent();
    ASSERT_EQ(bundleLookup.size(), 1u);  // his bundle, not answered yet
    bobWritesEncrypted("hi");
    h->client->sendMessage("bob@localhost", "second");
    std::vector<std::string> read;
    for (const auto& s : h->takeSent()) {
        const xml::Element* enc = s.is(ns::kClient, "message") ? s.child(ns::kOmemoLegacy, "encrypted") : nullptr;
        if (!enc) continue;
        auto got = bob->decrypt("user@localhost", *xep::parseOmemoEncrypted(*enc));
        ASSERT_TRUE(got.ok()) << got.error().message;
        read.emplace_back(got->body->begin(), got->body->end());
    }
    EXPECT_EQ(read, (std::vector<std::string>{"first", "second"}));
    answerItems(bundleLookup[0]);
    EXPECT_TRUE(h->takeSent().empty());
    h->client->sendMessage("bob@localhost", "third");
    EXPECT_EQ(bobReads(), std::vector<std::string>{"third"});  // still the session his message started
}

// Found by the 1,000-message e2e test: Bob writes while our page reloads; what went to the old page
// comes to the new one only with the catch-up, and a slow catch-up finds it after many live messages
// and answers have turned the ratchet past its chain (libsignal keeps the last 5): undecryptable for
// ever. Live encrypted messages now wait until the catch-up is over, and all decrypt, in order.
TEST_F(OmemoClient, LiveMessagesWaitForTheCatchUpSoAnOlderOneStillDecrypts) {
    h->client->sendMessage("bob@localhost", "hello");
    EXPECT_EQ(bobReads(), std::vector<std::string>{"hello"});
    bob->setDeviceList("user@localhost", {h->state().omemo.ownDeviceId});
    xml::Element answer = bobEncrypted("answer");  // live, once caught up: the cursor moves to it
    answer.add(ns::kStanzaId, "stanza-id").setAttr("by", "user@localhost").setAttr("id", "A0");
    h->feed(xml::serialize(answer));
    ASSERT_EQ(chat().back().body, "answer");
    // What Bob writes next reaches only a session of ours that ends before handling it.
    const xml::Element missed = bobEncrypted("missed");

    // The next session: its catch-up (after A0) is slow to answer.
    h = std::make_unique<test::ClientHarness>(dir.path);
    h->autoAnswerSync = false;
    test::ScramServer server("SCRAM-SHA-256", test::kPassword);
    h->login(server, test::kBobRoster);
    h->autoAnswerPep = false;
    for (const auto& e : h->extraAfterLogin) {
        const std::string head = R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(e.attr("id")) + R"(")";
        if (e.child(ns::kCarbons, "enable")) h->feed(head + "/>");
        if (e.child(ns::kDiscoInfo, "query"))
            h->feed(head + R"( from="user@localhost"><query xmlns="http://jabber.org/protocol/disco#info">)"
                           R"(<feature var="urn:xmpp:sid:0"/><feature var="urn:xmpp:mam:2"/></query></iq>)");
    }
    xml::Element query;
    for (const auto& s : h->takeSent())
        if (s.child(ns::kMam, "query")) query = s;
    ASSERT_NE(query.child(ns::kMam, "query"), nullptr);

    // Meanwhile a lively chat: each of Bob's messages answers ours, a new ratchet turn each time.
    for (int i = 1; i <= 7; ++i) {
        bobWritesEncrypted("live " + std::to_string(i));
        h->client->sendMessage("bob@localhost", "reply " + std::to_string(i));
        EXPECT_EQ(bobReads(), std::vector<std::string>{"reply " + std::to_string(i)});
    }
    // The catch-up brings the missed message, then ends.
    xml::Element result(ns::kClient, "message");
    result.setAttr("to", h->boundJid);
    xml::Element& r = result.add(ns::kMam, "result");
    r.setAttr("queryid", query.child(ns::kMam, "query")->attr("queryid")).setAttr("id", "A1");
    xml::Element& fwd = r.add(ns::kForward, "forwarded");
    fwd.add(ns::kDelay, "delay").setAttr("stamp", "2026-01-01T00:00:00Z");
    xml::Element inner = missed;
    inner.setAttr("to", "user@localhost");
    fwd.add(std::move(inner));
    h->feed(xml::serialize(result));
    h->feed(R"(<iq xmlns="jabber:client" type="result" id=")" + std::string(query.attr("id")) +
            R"("><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"/></fin></iq>)");

    std::vector<std::string> incoming;
    for (const auto& m : chat()) {
        if (m.direction != model::Direction::Incoming || m.body == "answer") continue;
        EXPECT_TRUE(m.error.empty()) << m.id << ": " << m.error;
        incoming.push_back(m.body);
    }
    const std::vector<std::string> expected{"missed", "live 1", "live 2", "live 3", "live 4",
                                            "live 5", "live 6", "live 7"};
    EXPECT_EQ(incoming, expected);
}

}  // namespace
}  // namespace starling
