// OMEMO in a room against the real Prosody (MUC component with muc_mam): three native clients register,
// Alice creates a private room (members-only, non-anonymous) with Bob and Carol as members; the room is
// encrypted for all three; messages every way (the first three at once, before any session exists) are
// each decrypted once by every other member; the
// room's archive gives Carol, back after leaving, what was said meanwhile, decrypted for the JID the
// room stored with it; the server's stanza log (mod_stanza_debug) never shows a plaintext.
#include <gtest/gtest.h>

#include <string>

#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using model::Direction;

const model::Room* roomOf(const LiveClient& c, const std::string& room) {
    auto it = c.state().rooms.find(room);
    return it == c.state().rooms.end() ? nullptr : &it->second;
}

std::size_t countBodies(const LiveClient& c, const std::string& room, const std::string& body) {
    auto it = c.state().conversations.find(room);
    if (it == c.state().conversations.end()) return 0;
    std::size_t n = 0;
    for (const auto& m : it->second.messages) n += m.body == body;
    return n;
}

const model::Message* find(const LiveClient& c, const std::string& room, const std::string& body) {
    auto it = c.state().conversations.find(room);
    if (it == c.state().conversations.end()) return nullptr;
    for (const auto& m : it->second.messages)
        if (m.body == body) return &m;
    return nullptr;
}

std::string messagesOf(const LiveClient& c, const std::string& room) {
    std::string s;
    auto it = c.state().conversations.find(room);
    if (it == c.state().conversations.end()) return "  (no chat)";
    for (const auto& m : it->second.messages)
        s += "\n  " + m.from + ": '" + m.body + "' enc=" + std::to_string(m.encrypted) + " status=" +
             std::to_string(static_cast<int>(m.status)) + " error=" + m.error;
    return s;
}

::testing::AssertionResult joinedEncrypted(LiveClient& c, std::vector<LiveClient*> all, const std::string& room) {
    if (!pumpAll(all, [&] {
            const model::Room* r = roomOf(c, room);
            return r && ((r->joined && r->encrypted) || !r->error.empty());
        }))
        return ::testing::AssertionFailure() << "not in an encrypted room: " << describe(c);
    if (!roomOf(c, room)->error.empty()) return ::testing::AssertionFailure() << "join: " << roomOf(c, room)->error;
    return ::testing::AssertionSuccess();
}

TEST(OmemoMucLive, ThreeMembersReadEachOthersEncryptedMessagesAndTheArchiveCatchUpDecrypts) {
    const char* prosodyDir = std::getenv("STARLING_PROSODY_DIR");
    const std::string logPath = prosodyDir && *prosodyDir ? std::string(prosodyDir) + "/stanzas.log" : "";
    const std::size_t logFrom = logPath.empty() ? 0 : readFile(logPath).size();

    TempDir dirA, dirB, dirC;
    LiveClient alice(dirA.path()), bob(dirB.path()), carol(dirC.path());
    std::vector<LiveClient*> all{&alice, &bob, &carol};
    const std::string ua = uniqueName("mga"), ub = uniqueName("mgb"), uc = uniqueName("mgc");
    ASSERT_TRUE(logInWithOmemo(alice, loginRequest(ua, "pw-" + ua, true, false)));
    ASSERT_TRUE(logInWithOmemo(bob, loginRequest(ub, "pw-" + ub, true, false)));
    ASSERT_TRUE(logInWithOmemo(carol, loginRequest(uc, "pw-" + uc, true, false)));
    const std::string room = uniqueName("secret") + "@conference." + domain();

    ASSERT_TRUE(alice.client().createRoom(room, "Alice", /*isPrivate=*/true, {bob.bareJid(), carol.bareJid()}));
    ASSERT_TRUE(joinedEncrypted(alice, all, room));
    for (LiveClient* invitee : {&bob, &carol}) {
        ASSERT_TRUE(pumpAll(all, [&] {
            const auto& invitations = invitee->state().roomInvitations;
            return !invitations.empty() && invitations.back().room == room;
        })) << describe(*invitee);
    }
    ASSERT_TRUE(bob.client().joinRoom(room, "Bob"));
    ASSERT_TRUE(carol.client().joinRoom(room, "Carol"));
    ASSERT_TRUE(joinedEncrypted(bob, all, room));
    ASSERT_TRUE(joinedEncrypted(carol, all, room));
    ASSERT_TRUE(pumpAll(all, [&] { return roomOf(alice, room)->occupants.size() == 3; })) << describe(alice);

    // Each text ends with a token of its own, looked for in the server's log (which escapes <&>).
    struct Said {
        LiveClient* by;
        std::string nick;
        std::string token;
        std::string text;
    };
    std::vector<Said> said{{&alice, "Alice", uniqueName("tka"), "от Алисы "},
                           {&bob, "Bob", uniqueName("tkb"), "from Bob <&> "},
                           {&carol, "Carol", uniqueName("tkc"), "from Carol 🔐 "},
                           {&alice, "Alice", uniqueName("tka"), "again from Alice "},
                           {&bob, "Bob", uniqueName("tkb"), "again from Bob "},
                           {&carol, "Carol", uniqueName("tkc"), "again from Carol "}};
    for (Said& s : said) s.text += s.token;
    auto readByAll = [&](const Said& s) {
        for (LiveClient* other : all) {
            if (other == s.by) continue;
            if (!pumpAll(all, [&] { return find(*other, room, s.text) != nullptr; }, 20000)) {
                ADD_FAILURE() << s.nick << "'s message never readable by " << other->bareJid() << messagesOf(*other, room)
                              << "\n" << describe(*s.by);
                return false;
            }
        }
        return true;
    };
    // The first three at once, before anyone has a session with anyone (each starts sessions with the
    // two others from their bundles while theirs are on the way); then one after the other.
    for (std::size_t i = 0; i < 3; ++i) said[i].by->client().sendMessage(room, said[i].text);
    for (std::size_t i = 0; i < 3; ++i) ASSERT_TRUE(readByAll(said[i]));
    for (std::size_t i = 3; i < said.size(); ++i) {
        said[i].by->client().sendMessage(room, said[i].text);
        ASSERT_TRUE(readByAll(said[i]));
    }
    // The reflections arrive (each sender's copy gets the room's stanza-id); then each message is there
    // once on every side, decrypted, from the right occupant.
    ASSERT_TRUE(pumpAll(all, [&] {
        for (const Said& s : said) {
            const model::Message* mine = find(*s.by, room, s.text);
            if (!mine || mine->stanzaId.empty()) return false;
        }
        return true;
    })) << messagesOf(alice, room);
    pumpAll(all, [] { return false; }, 500);
    for (const Said& s : said) {
        for (LiveClient* c : all) {
            EXPECT_EQ(countBodies(*c, room, s.text), 1u) << c->bareJid() << messagesOf(*c, room);
            const model::Message* m = find(*c, room, s.text);
            ASSERT_NE(m, nullptr);
            EXPECT_TRUE(m->encrypted);
            EXPECT_TRUE(m->error.empty()) << m->error;
            EXPECT_EQ(m->from, room + "/" + s.nick);
            EXPECT_EQ(m->direction, c == s.by ? Direction::Outgoing : Direction::Incoming);
        }
    }
    for (LiveClient* c : all) {
        for (const auto& m : c->state().conversations.at(room).messages)
            EXPECT_TRUE(m.error.empty()) << c->bareJid() << ": " << m.error;
    }

    // Carol leaves; what Alice says meanwhile comes from the room's archive when Carol is back, decrypted.
    ASSERT_TRUE(carol.client().leaveRoom(room));
    ASSERT_TRUE(pumpAll(all, [&] { return roomOf(alice, room)->occupants.count("Carol") == 0; }));
    const std::string away = "while you were away " + uniqueName("w");
    alice.client().sendMessage(room, away);
    ASSERT_TRUE(pumpAll(all, [&] {
        const model::Message* m = find(alice, room, away);
        return m && !m->stanzaId.empty() && find(bob, room, away);
    })) << messagesOf(alice, room);
    ASSERT_TRUE(carol.client().joinRoom(room, "Carol"));
    ASSERT_TRUE(pumpAll(all, [&] { return find(carol, room, away) != nullptr; }, 20000)) << messagesOf(carol, room);
    pumpAll(all, [] { return false; }, 500);
    EXPECT_EQ(countBodies(carol, room, away), 1u);
    EXPECT_TRUE(find(carol, room, away)->encrypted);
    EXPECT_EQ(find(carol, room, away)->from, room + "/Alice");
    EXPECT_EQ(find(carol, room, away)->stanzaId, find(alice, room, away)->stanzaId);
    for (const Said& s : said) EXPECT_EQ(countBodies(carol, room, s.text), 1u) << "not added again";

    if (logPath.empty()) GTEST_SKIP() << "STARLING_PROSODY_DIR not set: wire check skipped";
    std::string log = readFile(logPath);
    log = log.size() > logFrom ? log.substr(logFrom) : std::string();
    EXPECT_NE(log.find("eu.siacs.conversations.axolotl"), std::string::npos) << "no OMEMO on the wire?";
    EXPECT_NE(log.find("http://jabber.org/protocol/muc#admin"), std::string::npos) << "member lists not asked for?";
    for (const Said& s : said) EXPECT_EQ(log.find(s.token), std::string::npos) << "plaintext on the wire: " << s.text;
    EXPECT_EQ(log.find(away), std::string::npos) << "plaintext on the wire: " << away;
}

// A reload (the same store, a new session): the room is joined again by itself and what was said
// meanwhile comes from its archive, decrypted with the keys and sessions kept on disk, each once.
TEST(OmemoMucLive, AfterAReloadTheRoomsArchiveDecryptsWithTheStoredSessions) {
    TempDir dirA, dirB;
    LiveClient alice(dirA.path());
    const std::string ua = uniqueName("mra"), ub = uniqueName("mrb");
    const std::string room = uniqueName("reload") + "@conference." + domain();
    const std::string before = "before the reload " + uniqueName("t"), during = "during the reload " + uniqueName("t");
    ASSERT_TRUE(logInWithOmemo(alice, loginRequest(ua, "pw-" + ua, true, false)));
    std::string bobJid;
    {
        LiveClient bob(dirB.path());
        ASSERT_TRUE(logInWithOmemo(bob, loginRequest(ub, "pw-" + ub, true, /*remember=*/true)));
        bobJid = bob.bareJid();
        ASSERT_TRUE(alice.client().createRoom(room, "Alice", /*isPrivate=*/true, {bobJid}));
        ASSERT_TRUE(joinedEncrypted(alice, {&alice, &bob}, room));
        ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return !bob.state().roomInvitations.empty(); })) << describe(bob);
        ASSERT_TRUE(bob.client().joinRoom(room, "Bob"));
        ASSERT_TRUE(joinedEncrypted(bob, {&alice, &bob}, room));
        alice.client().sendMessage(room, before);
        ASSERT_TRUE(pumpAll({&alice, &bob}, [&] {
            const model::Message* m = find(bob, room, before);
            return m && !m->stanzaId.empty();
        })) << messagesOf(bob, room);
    }
    alice.client().sendMessage(room, during);
    ASSERT_TRUE(pumpAll({&alice}, [&] {
        const model::Message* m = find(alice, room, during);
        return m && !m->stanzaId.empty();
    })) << messagesOf(alice, room);
    LiveClient bob(dirB.path());
    bob.client().start();  // remembered: logs in, joins the room again, catches up its archive
    ASSERT_TRUE(pumpAll({&alice, &bob}, [&] { return find(bob, room, during) != nullptr; }, 20000))
        << messagesOf(bob, room) << "\n" << describe(bob);
    pumpAll({&alice, &bob}, [] { return false; }, 500);
    EXPECT_EQ(countBodies(bob, room, before), 1u);
    EXPECT_EQ(countBodies(bob, room, during), 1u);
    EXPECT_TRUE(find(bob, room, during)->encrypted);
    EXPECT_EQ(find(bob, room, during)->from, room + "/Alice");
    EXPECT_TRUE(roomOf(bob, room) && roomOf(bob, room)->encrypted);
}

// A member granted while away: the room tells its occupants (Prosody's affiliation notice), so Bob's
// next message is encrypted to the new member too, who reads it from the room's archive on joining.
TEST(OmemoMucLive, AMemberGrantedWhileAwayReadsFromTheArchiveWhatWasEncryptedToHimMeanwhile) {
    TempDir dirA, dirB, dirD;
    LiveClient alice(dirA.path()), bob(dirB.path()), dave(dirD.path());
    std::vector<LiveClient*> all{&alice, &bob, &dave};
    const std::string ua = uniqueName("mna"), ub = uniqueName("mnb"), ud = uniqueName("mnd");
    ASSERT_TRUE(logInWithOmemo(alice, loginRequest(ua, "pw-" + ua, true, false)));
    ASSERT_TRUE(logInWithOmemo(bob, loginRequest(ub, "pw-" + ub, true, false)));
    ASSERT_TRUE(logInWithOmemo(dave, loginRequest(ud, "pw-" + ud, true, false)));
    const std::string room = uniqueName("grant") + "@conference." + domain();
    ASSERT_TRUE(alice.client().createRoom(room, "Alice", /*isPrivate=*/true, {bob.bareJid()}));
    ASSERT_TRUE(joinedEncrypted(alice, all, room));
    ASSERT_TRUE(pumpAll(all, [&] { return !bob.state().roomInvitations.empty(); })) << describe(bob);
    ASSERT_TRUE(bob.client().joinRoom(room, "Bob"));
    ASSERT_TRUE(joinedEncrypted(bob, all, room));
    const std::string first = "before Dave " + uniqueName("t");
    bob.client().sendMessage(room, first);
    ASSERT_TRUE(pumpAll(all, [&] { return find(alice, room, first) != nullptr; })) << messagesOf(alice, room);

    ASSERT_TRUE(alice.client().grantMembership(room, dave.bareJid()));
    ASSERT_TRUE(pumpAll(all, [&] {
        for (const auto& line : bob.log)
            if (line.find(dave.bareJid() + " is now member") != std::string::npos) return true;
        return false;
    })) << "no affiliation notice reached Bob: " << describe(bob);
    const std::string meanwhile = "for Dave too " + uniqueName("t");
    bob.client().sendMessage(room, meanwhile);
    ASSERT_TRUE(pumpAll(all, [&] {
        const model::Message* m = find(bob, room, meanwhile);
        return m && !m->stanzaId.empty() && find(alice, room, meanwhile);
    })) << messagesOf(bob, room);
    ASSERT_TRUE(dave.client().joinRoom(room, "Dave"));
    ASSERT_TRUE(pumpAll(all, [&] { return find(dave, room, meanwhile) != nullptr; }, 20000)) << messagesOf(dave, room);
    pumpAll(all, [] { return false; }, 500);
    EXPECT_EQ(countBodies(dave, room, meanwhile), 1u);
    EXPECT_TRUE(find(dave, room, meanwhile)->encrypted);
    EXPECT_EQ(find(dave, room, meanwhile)->from, room + "/Bob");
}

}  // namespace
}  // namespace starling::integration
