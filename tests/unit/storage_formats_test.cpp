#include "core/storage/formats.h"

#include <gtest/gtest.h>

namespace starling::storage {
namespace {

model::Message sample(std::string id, std::string body, model::Direction dir, model::MessageStatus st) {
    model::Message m;
    m.id = std::move(id);
    m.from = dir == model::Direction::Outgoing ? "alice@example.org/web" : "bob@example.org/phone";
    m.body = std::move(body);
    m.direction = dir;
    m.status = st;
    m.timestampMs = 1767225600123;
    return m;
}

TEST(StorageFormats, HistoryRoundTripKeepsEveryField) {
    model::Message a = sample("u1", "Привет, мир 👋", model::Direction::Outgoing, model::MessageStatus::Queued);
    model::Message b = sample("o2", "line one\nline \"two\"\t\\ end", model::Direction::Incoming,
                              model::MessageStatus::Received);
    b.stanzaId = "sid-2";
    b.encrypted = true;
    b.unstyled = true;
    const std::string text = encodeMessageRecord(a) + encodeMessageRecord(b);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);  // one record per line
    History h = decodeHistory(text);
    ASSERT_EQ(h.messages.size(), 2u);
    EXPECT_EQ(h.skippedLines, 0u);
    EXPECT_FALSE(h.endsWithoutNewline);
    EXPECT_EQ(h.messages[0].body, "Привет, мир 👋");
    EXPECT_EQ(h.messages[0].direction, model::Direction::Outgoing);
    EXPECT_EQ(h.messages[0].status, model::MessageStatus::Queued);
    EXPECT_EQ(h.messages[0].from, "alice@example.org/web");
    EXPECT_EQ(h.messages[0].timestampMs, 1767225600123);
    EXPECT_EQ(h.messages[1].body, b.body);
    EXPECT_EQ(h.messages[1].stanzaId, "sid-2");
    EXPECT_TRUE(h.messages[1].encrypted);
    EXPECT_TRUE(h.messages[1].unstyled);
    EXPECT_FALSE(h.messages[0].unstyled);
    EXPECT_EQ(h.messages[1].id, "o2");
}

TEST(StorageFormats, UpdateRecordsChangeStatus) {
    model::Message a = sample("u1", "hi", model::Direction::Outgoing, model::MessageStatus::Queued);
    std::string text = encodeMessageRecord(a);
    a.status = model::MessageStatus::Sent;
    text += encodeUpdateRecord(a);
    a.status = model::MessageStatus::Failed;
    a.error = "service-unavailable";
    text += encodeUpdateRecord(a);
    History h = decodeHistory(text);
    ASSERT_EQ(h.messages.size(), 1u);
    EXPECT_EQ(h.messages[0].status, model::MessageStatus::Failed);
    EXPECT_EQ(h.messages[0].error, "service-unavailable");
}

// Our message is stored Queued, then encrypted on the way out: the update that records "sent" also
// records the lock, in the same segment or for one in an older segment; no update removes it.
TEST(StorageFormats, UpdateRecordsCarryTheLockOfOurEncryptedMessage) {
    model::Message a = sample("u1", "secret", model::Direction::Outgoing, model::MessageStatus::Queued);
    std::string text = encodeMessageRecord(a);
    a.status = model::MessageStatus::Sent;
    a.encrypted = true;
    text += encodeUpdateRecord(a);
    a.status = model::MessageStatus::Delivered;
    a.encrypted = false;  // a later update that does not say so keeps the lock
    text += encodeUpdateRecord(a);
    History h = decodeHistory(text);
    ASSERT_EQ(h.messages.size(), 1u);
    EXPECT_TRUE(h.messages[0].encrypted);
    EXPECT_EQ(h.messages[0].status, model::MessageStatus::Delivered);

    a.encrypted = true;
    History other = decodeHistory(encodeUpdateRecord(a));  // its message is in an older segment
    ASSERT_EQ(other.unresolved.size(), 1u);
    EXPECT_TRUE(other.unresolved[0].encrypted);
}

TEST(StorageFormats, UpdateRecordsDoNotTouchAPeersMessageWithOurId) {
    // A peer knows our message ids (origin-id) and reuses one on a message of its own.
    model::Message ours = sample("u1", "hi", model::Direction::Outgoing, model::MessageStatus::Queued);
    model::Message theirs = sample("u1", "spoof", model::Direction::Incoming, model::MessageStatus::Received);
    std::string text = encodeMessageRecord(ours) + encodeMessageRecord(theirs);
    ours.status = model::MessageStatus::Delivered;
    text += encodeUpdateRecord(ours);
    theirs.stanzaId = "sid-9";  // an incoming message enriched later (archive duplicate)
    text += encodeUpdateRecord(theirs);
    History h = decodeHistory(text);
    ASSERT_EQ(h.messages.size(), 2u);
    EXPECT_EQ(h.messages[0].status, model::MessageStatus::Delivered);
    EXPECT_EQ(h.messages[0].stanzaId, "");
    EXPECT_EQ(h.messages[1].status, model::MessageStatus::Received);
    EXPECT_EQ(h.messages[1].stanzaId, "sid-9");
}

TEST(StorageFormats, TruncatedLastLineIsSkipped) {
    const std::string full = encodeMessageRecord(sample("a", "first", model::Direction::Incoming,
                                                        model::MessageStatus::Received)) +
                             encodeMessageRecord(sample("b", "second", model::Direction::Incoming,
                                                        model::MessageStatus::Received));
    // Cut in the middle of the second record, as a tab closed mid-write would.
    for (std::size_t cut = full.find('\n') + 2; cut < full.size() - 1; cut += 7) {
        History h = decodeHistory(full.substr(0, cut));
        ASSERT_EQ(h.messages.size(), 1u) << cut;
        EXPECT_EQ(h.messages[0].body, "first");
        EXPECT_EQ(h.skippedLines, 1u);
        EXPECT_TRUE(h.endsWithoutNewline);
    }
}

TEST(StorageFormats, GarbageLinesAreSkippedNotFatal) {
    const std::string text = "not json\n{\"t\":\"msg\"}\n" +
                             encodeMessageRecord(sample("x", "ok", model::Direction::Incoming,
                                                        model::MessageStatus::Received)) +
                             "{\"t\":\"upd\",\"id\":\"x\",\"st\":\"bogus\"}\n";
    History h = decodeHistory(text);
    ASSERT_EQ(h.messages.size(), 1u);
    EXPECT_EQ(h.messages[0].status, model::MessageStatus::Received);
    EXPECT_EQ(h.skippedLines, 3u);
}

TEST(StorageFormats, FileNamesAreSafeAndReversible) {
    for (const char* jid : {"bob@example.org", "o'hara@x.y", "weird/slash@x", ".hidden@x", "юзер@пример.рф",
                            "a%b@c"}) {
        SCOPED_TRACE(jid);
        const std::string name = fileNameFor(jid);
        EXPECT_EQ(name.find('/'), std::string::npos);
        EXPECT_NE(name.front(), '.');
        auto back = bareFromFileName(name);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(*back, jid);
    }
    EXPECT_EQ(fileNameFor("bob@example.org"), "bob@example.org");
    EXPECT_EQ(historyPath("a@x", "b@y"), "accounts/a@x/history/b@y.log");
    EXPECT_FALSE(bareFromFileName("bad%4").has_value());
}

TEST(StorageFormats, CredentialsRoundTripWithoutPassword) {
    Credentials c;
    c.jid = "alice@example.org";
    c.url = "ws://127.0.0.1:5280/xmpp-websocket";
    c.pinnedMechanism = "SCRAM-SHA-256";
    c.scram.mechanism = "SCRAM-SHA-256";
    c.scram.salt = {1, 2, 3, 4};
    c.scram.iterations = 4096;
    c.scram.clientKey = crypto::Bytes(32, 0xAB);
    c.scram.serverKey = crypto::Bytes(32, 0xCD);
    const std::string text = encodeCredentials(c);
    EXPECT_EQ(text.find("password"), std::string::npos);
    auto back = decodeCredentials(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->jid, c.jid);
    EXPECT_EQ(back->url, c.url);
    EXPECT_EQ(back->pinnedMechanism, c.pinnedMechanism);
    EXPECT_EQ(back->scram.salt, c.scram.salt);
    EXPECT_EQ(back->scram.iterations, 4096u);
    EXPECT_EQ(back->scram.clientKey, c.scram.clientKey);
    EXPECT_EQ(back->scram.serverKey, c.scram.serverKey);
    EXPECT_FALSE(decodeCredentials("{\"jid\":\"a@b\"}").has_value());
    EXPECT_FALSE(decodeCredentials(text.substr(0, text.size() / 2)).has_value());
}

TEST(StorageFormats, RosterAndSettingsRoundTrip) {
    model::RosterItem r;
    r.jid = "bob@example.org";
    r.name = "Боб 🐱";
    r.subscription = "both";
    r.askSubscribe = true;
    r.groups = {"Friends", "Work"};
    auto back = decodeRoster(encodeRoster({r}));
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(back->size(), 1u);
    EXPECT_EQ((*back)[0].name, r.name);
    EXPECT_EQ((*back)[0].subscription, "both");
    EXPECT_TRUE((*back)[0].askSubscribe);
    EXPECT_EQ((*back)[0].groups, r.groups);
    EXPECT_FALSE(decodeRoster("{\"items\":").has_value());

    Settings s{"ru", "alice@example.org"};
    Settings t = decodeSettings(encodeSettings(s));
    EXPECT_EQ(t.language, "ru");
    EXPECT_EQ(t.account, "alice@example.org");
    Settings damaged = decodeSettings("{\"language\":\"r");
    EXPECT_TRUE(damaged.language.empty());
}

}  // namespace
}  // namespace starling::storage
