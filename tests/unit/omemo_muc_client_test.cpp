// OMEMO in rooms through a whole Client (fake transport; this test plays the server's PEP service and a
// members-only, non-anonymous room): the room's features make it encrypted by default, its member list
// (muc#admin) and occupants give the members; a message waits for their device lists and bundles, then
// goes out with no plaintext, readable by every device of every member and by our other device; a
// member's message is decrypted for the occupant's real JID; our reflection is not a second message;
// an archived message decrypts for the JID the room stored with it; a member without devices fails the
// message (nothing sent); the room's notices of affiliation changes keep the members in step; a file
// is encrypted too; a public room, or one switched off, stays plain; an encrypted private message through
// the room is decrypted for the occupant's real JID, and one the room names nobody for says so.
#include <gtest/gtest.h>

#include "client_test_harness.h"
#include "core/omemo/omemo_account.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling {
namespace {

using model::MessageStatus;
using test::stanza;

constexpr const char* kRoom = "room@conference.localhost";
constexpr const char* kPrivate = "<feature var='muc_membersonly'/><feature var='muc_nonanonymous'/>";

struct Peer {
    std::string bare;
    std::unique_ptr<omemo::Account> account;
};

class OmemoMucClient : public test::LoggedInClientTest {
protected:
    void SetUp() override {
        logIn();
        ours = publishedBundle();
        h->autoAnswerPep = false;   // this test plays the server's PEP service
        h->autoAnswerSync = false;  // and the room's archive
        for (const char* bare : {"bob@localhost", "carol@localhost", "user@localhost"}) {
            auto a = omemo::Account::create(random, bare, 1700000000000ULL);
            ASSERT_TRUE(a.ok());
            peers.push_back(Peer{bare, std::move(*a)});
        }
        affiliations = {{"owner", {"bob@localhost"}}, {"admin", {}}, {"member", {"carol@localhost", "user@localhost"}}};
    }
    omemo::Account& peer(const std::string& bare) {
        for (auto& p : peers)
            if (p.bare == bare) return *p.account;
        ADD_FAILURE() << "no peer " << bare;
        return *peers[0].account;
    }
    omemo::Account& bob() { return peer("bob@localhost"); }
    omemo::Account& carol() { return peer("carol@localhost"); }
    omemo::Account& ourOther() { return peer("user@localhost"); }  // another device of our account
    const std::vector<model::Message>& messages() const { return h->state().conversations.at(kRoom).messages; }
    const model::Room& room() const { return h->state().rooms.at(kRoom); }
    omemo::Address us() const {
        return omemo::Address{"user@localhost", static_cast<std::int32_t>(h->state().omemo.ownDeviceId)};
    }

    // The newest bundle our device published during login.
    omemo::Bundle publishedBundle() {
        const std::string node = xep::omemoBundleNode(h->state().omemo.ownDeviceId);
        omemo::Bundle b;
        for (const auto& iq : h->pepRequests) {
            const xml::Element* pubsub = iq.child(ns::kPubsub, "pubsub");
            const xml::Element* publish = pubsub ? pubsub->child(ns::kPubsub, "publish") : nullptr;
            if (!publish || publish->attr("node") != node) continue;
            if (auto parsed = xep::parseOmemoBundle(*publish->child(ns::kPubsub, "item")->firstChild())) b = *parsed;
        }
        return b;
    }

    void reply(const xml::Element& iq, const std::string& inner) {
        const std::string to(iq.attr("to"));
        h->feed(stanza("<iq type='result' id='" + std::string(iq.attr("id")) + "'" + (to.empty() ? "" : " from='" + to + "'") +
                       ">" + inner + "</iq>"));
    }
    void notFound(const xml::Element& iq) {
        h->feed(stanza("<iq type='error' from='" + std::string(iq.attr("to")) + "' id='" + std::string(iq.attr("id")) +
                       "'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    }
    // PEP as published by the peers (device lists and bundles); nothing for anyone else.
    void answerPep(const xml::Element& iq) {
        const xml::Element* items = iq.child(ns::kPubsub, "pubsub")->child(ns::kPubsub, "items");
        if (!items) {  // a publish of ours: a new bundle (a pre-key was used) is what members start from
            const xml::Element* publish = iq.child(ns::kPubsub, "pubsub")->child(ns::kPubsub, "publish");
            if (publish && publish->attr("node") == xep::omemoBundleNode(h->state().omemo.ownDeviceId))
                if (auto parsed = xep::parseOmemoBundle(*publish->child(ns::kPubsub, "item")->firstChild())) ours = *parsed;
            return reply(iq, "");
        }
        const std::string node(items->attr("node"));
        const std::string owner = iq.attr("to").empty() ? "user@localhost" : std::string(iq.attr("to"));
        std::optional<xml::Element> payload;
        if (node == xep::kOmemoDeviceListNode) {
            std::vector<std::uint32_t> ids;
            if (owner == "user@localhost") ids.push_back(h->state().omemo.ownDeviceId);
            for (auto& p : peers)
                if (p.bare == owner && (owner != "user@localhost" || ourOtherListed)) ids.push_back(p.account->deviceId());
            if (!ids.empty()) payload = xep::omemoDeviceList(ids);
        } else {
            for (auto& p : peers)
                if (p.bare == owner && node == xep::omemoBundleNode(p.account->deviceId()))
                    payload = xep::omemoBundle(*p.account->bundle());
        }
        if (!payload) return notFound(iq);
        xml::Element out(ns::kPubsub, "pubsub");
        xml::Element& list = out.add(ns::kPubsub, "items");
        list.setAttr("node", node);
        list.add(ns::kPubsub, "item").setAttr("id", "current").add(std::move(*payload));
        reply(iq, xml::serialize(out, ns::kClient));
    }
    // The room: its features, its member lists; archive queries are kept for the test to answer.
    void answerRoom(const xml::Element& iq) {
        if (iq.child(ns::kDiscoInfo, "query")) {
            if (holdInfo) return heldInfo.push_back(iq);
            return reply(iq, "<query xmlns='http://jabber.org/protocol/disco#info'>" + features + "</query>");
        }
        if (const xml::Element* admin = iq.child(ns::kMucAdmin, "query"); admin && iq.attr("type") == "get") {
            const std::string affiliation(admin->child(ns::kMucAdmin, "item")->attr("affiliation"));
            ++memberListRequests;
            std::string items;
            for (const auto& jid : affiliations[affiliation])
                items += "<item affiliation='" + affiliation + "' jid='" + jid + "'/>";
            return reply(iq, "<query xmlns='http://jabber.org/protocol/muc#admin'>" + items + "</query>");
        }
        if (iq.child(ns::kMam, "query")) archiveQueries.push_back(iq);
    }
    // Answers everything the client asks; returns the messages it sent.
    std::vector<xml::Element> serve() {
        std::vector<xml::Element> out;
        for (auto sent = h->takeSent(); !sent.empty(); sent = h->takeSent()) {
            for (const auto& s : sent) {
                if (s.is(ns::kClient, "message")) out.push_back(s);
                else if (s.is(ns::kClient, "iq") && s.child(ns::kPubsub, "pubsub")) answerPep(s);
                else if (s.is(ns::kClient, "iq") && s.attr("to") == kRoom) answerRoom(s);
                else if (s.is(ns::kClient, "iq") && s.child(ns::kPing, "ping")) reply(s, "");
            }
        }
        return out;
    }

    void occupant(const std::string& nick, const std::string& jid, const std::string& occupantId,
                  const std::string& extra = "") {
        h->feed(stanza("<presence from='" + std::string(kRoom) + "/" + nick + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant' jid='" +
                       jid + "'/>" + extra + "</x><occupant-id xmlns='urn:xmpp:occupant-id:0' id='" + occupantId +
                       "'/></presence>"));
    }
    // We join as "me"; Bob is in the room (Carol is a member, away).
    void joinRoom() {
        ASSERT_TRUE(h->client->joinRoom(kRoom, "me", ""));
        serve();
        occupant("bob", "bob@localhost/phone", "bob-id");
        occupant("me", h->boundJid, "self-id", "<status code='110'/><status code='100'/>");
        serve();
        ASSERT_TRUE(room().joined);
    }
    // Our other device joins our device list (a PEP notification of our own list).
    void ourOtherDeviceListed() {
        ourOtherListed = true;
        h->feed(stanza("<message from='user@localhost' to='" + h->boundJid +
                       "'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='" +
                       std::string(xep::kOmemoDeviceListNode) + "'><item id='current'><list xmlns='" +
                       std::string(ns::kOmemoLegacy) + "'><device id='" + std::to_string(h->state().omemo.ownDeviceId) +
                       "'/><device id='" + std::to_string(ourOther().deviceId()) + "'/></list></item></items></event></message>"));
    }
    // What `who` reads of a message we sent (its key for its device, decrypted), or nullopt.
    std::optional<std::string> reads(omemo::Account& who, const xml::Element& message) {
        const xml::Element* enc = message.child(ns::kOmemoLegacy, "encrypted");
        if (!enc) return std::nullopt;
        auto parsed = xep::parseOmemoEncrypted(*enc);
        if (!parsed) return std::nullopt;
        auto got = who.decrypt("user@localhost", *parsed);
        if (!got || !got->body) return std::nullopt;
        return std::string(got->body->begin(), got->body->end());
    }
    // A member's encrypted message to our device, as the room sends it.
    xml::Element memberMessage(omemo::Account& from, const std::string& nick, const std::string& text,
                               const std::string& stanzaId) {
        if (!from.hasSession(us())) {
            EXPECT_TRUE(from.buildSession(us(), ours).ok());
        }
        auto e = from.encrypt({us()}, omemo::Bytes(text.begin(), text.end()));
        EXPECT_TRUE(e.ok());
        xml::Element m(ns::kClient, "message");
        m.setAttr("from", std::string(kRoom) + "/" + nick).setAttr("to", h->boundJid).setAttr("type", "groupchat");
        m.setAttr("id", "m-" + stanzaId);
        m.addText(ns::kClient, "body", "I sent you an OMEMO encrypted message but your client doesn't seem to support that.");
        if (e) m.add(xep::omemoEncrypted(*e));
        m.add(ns::kStanzaId, "stanza-id").setAttr("by", kRoom).setAttr("id", stanzaId);
        return m;
    }

    test::FakeRandom random{4242};
    omemo::Bundle ours;
    std::vector<Peer> peers;
    std::map<std::string, std::vector<std::string>> affiliations;
    std::string features = kPrivate;
    bool ourOtherListed = false;
    bool holdInfo = false;
    std::vector<xml::Element> heldInfo;
    std::vector<xml::Element> archiveQueries;
    int memberListRequests = 0;
};

TEST_F(OmemoMucClient, APrivateRoomIsEncryptedByDefaultAndItsMembersAreAskedFor) {
    joinRoom();
    EXPECT_TRUE(room().encryptable);
    EXPECT_TRUE(room().encrypted);
    EXPECT_EQ(memberListRequests, 3) << "owner, admin and member lists";
}

TEST_F(OmemoMucClient, AMessageReachesEveryDeviceOfEveryMemberAndOurOtherDeviceWithoutPlaintext) {
    ourOtherDeviceListed();
    serve();
    joinRoom();
    const std::string secret = "Секрет комнаты 🔐";
    h->client->sendMessage(kRoom, secret);
    auto sent = serve();  // device lists, bundles, then the message
    ASSERT_EQ(sent.size(), 1u);
    const xml::Element& m = sent[0];
    EXPECT_EQ(m.attr("type"), "groupchat");
    EXPECT_EQ(m.attr("to"), kRoom);
    const std::string wire = xml::serialize(m, ns::kClient);
    EXPECT_EQ(wire.find("Секрет"), std::string::npos) << "plaintext on the wire: " << wire;
    EXPECT_NE(m.child(ns::kEme, "encryption"), nullptr);
    ASSERT_NE(m.child(ns::kOmemoLegacy, "encrypted"), nullptr);
    auto parsed = xep::parseOmemoEncrypted(*m.child(ns::kOmemoLegacy, "encrypted"));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->keys.size(), 3u) << "Bob, Carol (away: from the member list) and our other device";
    EXPECT_EQ(reads(bob(), m), secret);
    EXPECT_EQ(reads(carol(), m), secret);
    EXPECT_EQ(reads(ourOther(), m), secret);
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_TRUE(messages()[0].encrypted);
    EXPECT_EQ(messages()[0].body, secret);
    EXPECT_NE(messages()[0].status, MessageStatus::Failed) << messages()[0].error;

    // The room reflects it: the same message, not a second one, not decrypted (no key for ourselves).
    xml::Element reflection = m;
    reflection.setAttr("from", std::string(kRoom) + "/me").setAttr("to", h->boundJid);
    reflection.removeAttr("id");
    reflection.add(ns::kStanzaId, "stanza-id").setAttr("by", kRoom).setAttr("id", "S-own");
    h->feed(xml::serialize(reflection));
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].body, secret);
    EXPECT_EQ(messages()[0].stanzaId, "S-own");
}

TEST_F(OmemoMucClient, AMembersMessageIsDecryptedForTheOccupantsRealJid) {
    joinRoom();
    h->feed(xml::serialize(memberMessage(bob(), "bob", "hello from Bob", "S1")));
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].body, "hello from Bob");
    EXPECT_TRUE(messages()[0].encrypted);
    EXPECT_TRUE(messages()[0].error.empty()) << messages()[0].error;
    EXPECT_EQ(messages()[0].from, std::string(kRoom) + "/bob");
    // Bob's device is known under his own JID (with its fingerprint), not under the room's; his device
    // list, never fetched, is asked for (his device was not in it).
    serve();
    ASSERT_EQ(h->state().omemo.devices.count("bob@localhost"), 1u);
    EXPECT_EQ(h->state().omemo.devices.at("bob@localhost")[0].fingerprint, bob().ownFingerprint());
    EXPECT_EQ(h->state().omemo.devices.count(kRoom), 0u);
    // Under another occupant-id than the one Bob's presence gave, it is nobody's: not decrypted.
    xml::Element forged = memberMessage(carol(), "bob", "not Bob", "S2");
    forged.add(ns::kOccupantId, "occupant-id").setAttr("id", "someone-else");
    h->feed(xml::serialize(forged));
    ASSERT_EQ(messages().size(), 2u);
    EXPECT_TRUE(messages()[1].body.empty());
    EXPECT_EQ(messages()[1].error, "omemo-undecryptable " + std::to_string(carol().deviceId()));
}

// An encrypted private message through the room (Conversations seals one for the occupant's real JID in a
// non-anonymous room): decrypted for that JID, in the occupant's own chat; from someone the room does not
// name, it says so in words (not a bare "could not decrypt").
TEST_F(OmemoMucClient, AnEncryptedPrivateMessageIsDecryptedForTheOccupantsRealJid) {
    joinRoom();
    auto privately = [&](omemo::Account& from, const std::string& nick, const std::string& text, const std::string& id) {
        xml::Element pm = memberMessage(from, nick, text, id);
        pm.setAttr("type", "chat");
        pm.removeChildren(ns::kStanzaId, "stanza-id");  // the room stamps only its groupchat messages
        pm.add(ns::kMucUser, "x");
        h->feed(xml::serialize(pm));
    };
    privately(bob(), "bob", "just for you", "P1");
    const std::string bobChat = std::string(kRoom) + "/bob";
    ASSERT_EQ(h->state().conversations.count(bobChat), 1u);
    const auto& got = h->state().conversations.at(bobChat).messages;
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].body, "just for you");
    EXPECT_TRUE(got[0].encrypted);
    EXPECT_TRUE(got[0].error.empty()) << got[0].error;
    EXPECT_TRUE(messages().empty()) << "not in the room's chat";
    // Nobody the room names (no such occupant): not decrypted, and said why.
    privately(carol(), "ghost", "who am I", "P2");
    const auto& ghost = h->state().conversations.at(std::string(kRoom) + "/ghost").messages;
    ASSERT_EQ(ghost.size(), 1u);
    EXPECT_TRUE(ghost[0].body.empty());
    EXPECT_TRUE(ghost[0].encrypted);
    EXPECT_EQ(ghost[0].error, "omemo-private-sender-unknown");
}

TEST_F(OmemoMucClient, TheRoomsArchiveDecryptsForTheJidTheRoomStoredAndNamesNobodyWithoutIt) {
    joinRoom();
    ASSERT_FALSE(archiveQueries.empty());
    const xml::Element query = archiveQueries.back();
    const std::string queryId(query.child(ns::kMam, "query")->attr("queryid"));
    auto archived = [&](xml::Element m, const std::string& id, const std::string& realJid) {
        m.removeChildren(ns::kStanzaId, "stanza-id");
        m.removeAttr("to");
        if (!realJid.empty())
            m.add(ns::kMucUser, "x").add(ns::kMucUser, "item").setAttr("affiliation", "member").setAttr("jid", realJid);
        xml::Element wrapper(ns::kClient, "message");
        wrapper.setAttr("from", kRoom).setAttr("to", h->boundJid);
        xml::Element& result = wrapper.add(ns::kMam, "result");
        result.setAttr("queryid", queryId).setAttr("id", id);
        xml::Element& fwd = result.add(ns::kForward, "forwarded");
        fwd.add(ns::kDelay, "delay").setAttr("stamp", "2026-12-07T10:00:00Z");
        fwd.add(std::move(m));
        h->feed(xml::serialize(wrapper));
    };
    // Bob has a session with us (his live message); then the archive: Carol, who left long ago (only the
    // room's archive knows who she is), and Bob under a nick that names nobody now.
    h->feed(xml::serialize(memberMessage(bob(), "bob", "live first", "S1")));
    serve();
    ASSERT_EQ(messages().size(), 1u);
    ASSERT_EQ(messages()[0].body, "live first");
    archived(memberMessage(carol(), "carol", "said while you were away", "A1"), "A1", "carol@localhost");
    archived(memberMessage(bob(), "ghost", "who am I", "A2"), "A2", "");
    reply(query, "<fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'/></fin>");
    ASSERT_EQ(messages().size(), 3u);
    const model::Message* away = nullptr;
    const model::Message* ghost = nullptr;
    for (const auto& m : messages()) {
        if (m.stanzaId == "A1") away = &m;
        if (m.stanzaId == "A2") ghost = &m;
    }
    ASSERT_NE(away, nullptr);
    EXPECT_EQ(away->body, "said while you were away");
    EXPECT_TRUE(away->encrypted);
    EXPECT_TRUE(away->error.empty()) << away->error;
    ASSERT_NE(ghost, nullptr);
    EXPECT_TRUE(ghost->body.empty()) << "a nick alone never names an archived message's author";
    EXPECT_EQ(ghost->error, "omemo-undecryptable " + std::to_string(bob().deviceId()));
}

TEST_F(OmemoMucClient, AMemberWithoutDevicesFailsTheMessageAndNothingIsSent) {
    affiliations["member"].push_back("dave@localhost");
    joinRoom();
    h->client->sendMessage(kRoom, "must not leak");
    auto sent = serve();
    EXPECT_TRUE(sent.empty()) << xml::serialize(sent[0], ns::kClient);
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].status, MessageStatus::Failed);
    EXPECT_EQ(messages()[0].error, "omemo-member-without-devices dave@localhost");
}

TEST_F(OmemoMucClient, AMemberWithOnlyUntrustedDevicesFailsTheMessage) {
    joinRoom();
    h->client->sendMessage(kRoom, "first");
    ASSERT_EQ(serve().size(), 1u);
    h->client->setDeviceTrust("carol@localhost", carol().deviceId(), false);
    h->client->sendMessage(kRoom, "second");
    EXPECT_TRUE(serve().empty());
    EXPECT_EQ(messages().back().status, MessageStatus::Failed);
    EXPECT_EQ(messages().back().error, "omemo-member-no-trusted-device carol@localhost");
}

TEST_F(OmemoMucClient, NothingGoesBeforeTheRoomsFeaturesAreKnown) {
    holdInfo = true;
    joinRoom();
    h->client->sendMessage(kRoom, "early");
    EXPECT_TRUE(serve().empty()) << "sent before we knew whether the room is private";
    EXPECT_EQ(messages().back().status, MessageStatus::Queued);
    ASSERT_EQ(heldInfo.size(), 1u);
    holdInfo = false;
    answerRoom(heldInfo[0]);
    auto sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);
    EXPECT_EQ(reads(bob(), sent[0]), "early");
}

// A room that never answers its disco#info is asked three times in the session, not without end; the
// message waiting on it fails with a reason (never plaintext on a guess), and sending again asks once more.
TEST_F(OmemoMucClient, ARoomThatNeverSaysWhetherItIsPrivateIsAskedThreeTimesAndNothingGoesPlain) {
    holdInfo = true;
    joinRoom();
    h->client->sendMessage(kRoom, "early");
    std::vector<xml::Element> sent;
    for (int s = 0; s < 240; ++s) {  // four minutes: eight 30-second IQ timeouts
        h->clock.advance(1000);
        h->client->onTimer();
        for (auto& m : serve()) sent.push_back(std::move(m));
    }
    EXPECT_EQ(heldInfo.size(), 3u);
    EXPECT_TRUE(sent.empty()) << xml::serialize(sent[0], ns::kClient);
    EXPECT_EQ(messages().back().status, MessageStatus::Failed);
    EXPECT_EQ(messages().back().error, "room-no-info");
    EXPECT_EQ(h->state().connection, model::Connection::Online);

    // Sending again asks the room once more; this time it answers: private, so encrypted.
    holdInfo = false;
    h->client->resendMessage(kRoom, messages().back().id);
    sent = serve();
    EXPECT_EQ(heldInfo.size(), 3u);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);
    EXPECT_EQ(reads(bob(), sent[0]), "early");
}

// The room announces that someone not in it became a member, or stopped being one (XEP-0045 examples
// 176, 195): the next message reaches the new member's devices and no longer the old member's.
TEST_F(OmemoMucClient, MembersTheRoomAnnouncesAreEncryptedToAndRemovedOnesNoLonger) {
    auto dave = omemo::Account::create(random, "dave@localhost", 1700000000000ULL);
    ASSERT_TRUE(dave.ok());
    peers.push_back(Peer{"dave@localhost", std::move(*dave)});
    joinRoom();
    h->client->sendMessage(kRoom, "first");
    auto sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(reads(carol(), sent[0]), "first");
    auto notice = [&](const std::string& jid, const std::string& affiliation) {
        h->feed(stanza("<message from='" + std::string(kRoom) + "' to='" + h->boundJid +
                       "'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='" + affiliation + "' jid='" +
                       jid + "' role='none'/></x></message>"));
    };
    notice("dave@localhost", "member");
    notice("carol@localhost", "none");
    EXPECT_TRUE(messages().size() == 1u) << "a notice is no message of the room";
    h->client->sendMessage(kRoom, "second");
    sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(reads(peer("dave@localhost"), sent[0]), "second");
    EXPECT_EQ(reads(bob(), sent[0]), "second");
    EXPECT_EQ(reads(carol(), sent[0]), std::nullopt) << "encrypted to a member no more";
}

// A file shared in an encrypted room is encrypted too (XEP-0454): its aesgcm:// link travels only
// inside OMEMO, never beside it as OOB; the room's reflection of it is not a second message.
TEST_F(OmemoMucClient, AFileInAnEncryptedRoomIsEncryptedAndItsLinkOnlyInsideOmemo) {
    const xml::Element* items = nullptr;
    for (const auto& e : h->extraAfterLogin)
        if (e.child(ns::kDiscoItems, "query")) items = &e;
    ASSERT_NE(items, nullptr);
    reply(*items, "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='upload.localhost'/></query>");
    for (const auto& info : h->takeSent())
        if (info.attr("to") == "upload.localhost")
            reply(info, "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='store' type='file'/>"
                        "<feature var='urn:xmpp:http:upload:0'/></query>");
    ASSERT_EQ(h->state().upload.jid, "upload.localhost");
    joinRoom();
    const std::string bytes = "\x89PNG not really";
    ASSERT_TRUE(h->client->sendFile(kRoom, "cat.png", "image/png", bytes));
    ASSERT_TRUE(messages().back().attachment.has_value());
    EXPECT_TRUE(messages().back().attachment->encrypted);
    EXPECT_EQ(messages().back().from, std::string(kRoom) + "/me");
    xml::Element request;
    for (const auto& e : h->takeSent())
        if (e.child(ns::kHttpUpload, "request")) request = e;
    ASSERT_TRUE(request.child(ns::kHttpUpload, "request"));
    reply(request, "<slot xmlns='urn:xmpp:http:upload:0'><put url='http://localhost/u/cat.png'/>"
                   "<get url='http://localhost/u/cat.png'/></slot>");
    ASSERT_EQ(h->http.transfers.size(), 1u);
    EXPECT_NE(h->http.transfers[0].second.body, bytes) << "the file went up unencrypted";
    h->client->onHttpResult(h->http.transfers[0].first, 201, "");
    auto sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].child(ns::kOob, "x"), nullptr);
    EXPECT_EQ(xml::serialize(sent[0], ns::kClient).find("localhost/u/cat.png"), std::string::npos) << "link in the clear";
    auto link = reads(bob(), sent[0]);
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->rfind("aesgcm://localhost/u/cat.png#", 0), 0u) << *link;
    xml::Element reflection = sent[0];
    reflection.setAttr("from", std::string(kRoom) + "/me").setAttr("to", h->boundJid);
    reflection.add(ns::kStanzaId, "stanza-id").setAttr("by", kRoom).setAttr("id", "S-file");
    h->feed(xml::serialize(reflection));
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].stanzaId, "S-file");
}

TEST_F(OmemoMucClient, APublicRoomAndARoomSwitchedOffStayPlain) {
    features = "<feature var='muc_open'/><feature var='muc_semianonymous'/>";
    joinRoom();
    EXPECT_FALSE(room().encryptable);
    EXPECT_FALSE(room().encrypted);
    EXPECT_EQ(memberListRequests, 0);
    h->client->sendMessage(kRoom, "hello public");
    auto sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "hello public");
    EXPECT_EQ(sent[0].child(ns::kOmemoLegacy, "encrypted"), nullptr);

    ASSERT_TRUE(h->client->leaveRoom(kRoom));
    serve();
    features = kPrivate;
    joinRoom();
    EXPECT_TRUE(room().encrypted);
    h->client->setChatEncryption(kRoom, false);
    EXPECT_FALSE(room().encrypted);
    h->client->sendMessage(kRoom, "plain on purpose");
    sent = serve();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "plain on purpose");
}

}  // namespace
}  // namespace starling
