#include "core/jid/jid.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace starling::jid {
namespace {

struct Row {
    const char* input;
    bool ok;
    const char* local;
    const char* domain;
    const char* resource;
};

// Valid rows give the normalized parts; invalid rows leave them empty.
const Row kRows[] = {
    {"juliet@example.com", true, "juliet", "example.com", ""},
    {"juliet@example.com/foo", true, "juliet", "example.com", "foo"},
    {"juliet@example.com/foo bar", true, "juliet", "example.com", "foo bar"},
    {"juliet@example.com/foo@bar", true, "juliet", "example.com", "foo@bar"},
    {"juliet@example.com/foo/bar", true, "juliet", "example.com", "foo/bar"},
    {"foo\\20bar@example.com", true, "foo\\20bar", "example.com", ""},
    {"fussball@example.com", true, "fussball", "example.com", ""},
    {"fu\xC3\x9F" "ball@example.com", true, "fu\xC3\x9F" "ball", "example.com", ""},
    {"\xCF\x80@example.com", true, "\xCF\x80", "example.com", ""},
    {"\xCE\xA3@example.com/foo", true, "\xCF\x83", "example.com", "foo"},
    {"\xCF\x83@example.com/foo", true, "\xCF\x83", "example.com", "foo"},
    {"example.com", true, "", "example.com", ""},
    {"example.com/foobar", true, "", "example.com", "foobar"},
    {"a.example.com/b@example.net", true, "", "a.example.com", "b@example.net"},
    {"Juliet@Example.COM/Balcony", true, "juliet", "example.com", "Balcony"},
    {"\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD@\xD0\x9F\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.\xD0\xA0\xD0\xA4/\xD0\x94\xD0\xBE\xD0\xBC",
     true, "\xD0\xB8\xD0\xB2\xD0\xB0\xD0\xBD", "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.\xD1\x80\xD1\x84",
     "\xD0\x94\xD0\xBE\xD0\xBC"},  // Иван@Пример.РФ/Дом -> иван@пример.рф/Дом
    {"\xD0\x81\xD0\xB6@example.com", true, "\xD1\x91\xD0\xB6", "example.com", ""},  // Ёж -> ёж
    {"\xC3\x89lodie@example.com", true, "\xC3\xA9lodie", "example.com", ""},        // Élodie -> élodie
    {"user@example.com.", true, "user", "example.com", ""},
    {"user@[::1]/r", true, "user", "[::1]", "r"},
    {"user@[2001:DB8::1]", true, "user", "[2001:db8::1]", ""},
    {"user@127.0.0.1", true, "user", "127.0.0.1", ""},
    {"user@localhost", true, "user", "localhost", ""},
    {"user@example.com/\xF0\x9F\x91\x8B res", true, "user", "example.com", "\xF0\x9F\x91\x8B res"},
    {"", false, "", "", ""},
    {"@example.com", false, "", "", ""},
    {"user@", false, "", "", ""},
    {"user@/res", false, "", "", ""},
    {"user@example.com/", false, "", "", ""},
    {"/res", false, "", "", ""},
    {"user@@example.com", false, "", "", ""},
    {"a@b@example.com", false, "", "", ""},
    {"\"juliet\"@example.com", false, "", "", ""},
    {"jul&iet@example.com", false, "", "", ""},
    {"jul'iet@example.com", false, "", "", ""},
    {"jul:iet@example.com", false, "", "", ""},
    {"jul<iet@example.com", false, "", "", ""},
    {"jul>iet@example.com", false, "", "", ""},
    {"foo bar@example.com", false, "", "", ""},
    {"foo\xC2\xA0" "bar@example.com", false, "", "", ""},  // no-break space
    {"foo\tbar@example.com", false, "", "", ""},
    {"user@exa mple.com", false, "", "", ""},
    {"user@example..com", false, "", "", ""},
    {"user@.example.com", false, "", "", ""},
    {"user@.", false, "", "", ""},
    {"user@-example.com", false, "", "", ""},
    {"user@example.com:5222", false, "", "", ""},
    {"user@exa_mple.com", false, "", "", ""},
    {"user@[::1", false, "", "", ""},
    {"user@[zz::1]", false, "", "", ""},
    {"user@[127.0.0.1]", false, "", "", ""},
    {"user@example.com/res\x01", false, "", "", ""},
    {"user@example.com/res\x7F", false, "", "", ""},
    {"us\xC3" "er@example.com", false, "", "", ""},          // truncated UTF-8
    {"user@example.com/\xED\xA0\x80", false, "", "", ""},  // surrogate
    {"user@example.com/\xC0\xAF", false, "", "", ""},      // overlong '/'
};

TEST(Jid, Table) {
    for (const Row& row : kRows) {
        SCOPED_TRACE(row.input);
        auto r = Jid::parse(row.input);
        ASSERT_EQ(r.ok(), row.ok) << (r.ok() ? std::string("accepted") : r.error().message);
        if (!row.ok) {
            EXPECT_EQ(r.error().code, "bad-jid");
            continue;
        }
        EXPECT_EQ(r->local(), row.local);
        EXPECT_EQ(r->domain(), row.domain);
        EXPECT_EQ(r->resource(), row.resource);
        // The string form parses back to the same JID.
        auto again = Jid::parse(r->full());
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, *r);
    }
}

TEST(Jid, PartLengthLimits) {
    const std::string l1023(1023, 'a'), l1024(1024, 'a');
    EXPECT_TRUE(Jid::parse(l1023 + "@example.com").ok());
    EXPECT_FALSE(Jid::parse(l1024 + "@example.com").ok());
    EXPECT_TRUE(Jid::parse("u@example.com/" + l1023).ok());
    EXPECT_FALSE(Jid::parse("u@example.com/" + l1024).ok());
    std::string domain;
    while (domain.size() < 1030) domain += "abcdefghi.";
    domain.resize(1023);
    EXPECT_TRUE(Jid::parse("u@" + domain).ok());
    EXPECT_FALSE(Jid::parse("u@" + domain + "x").ok());
    EXPECT_TRUE(Jid::parse("u@" + std::string(63, 'a') + ".com").ok());
    EXPECT_FALSE(Jid::parse("u@" + std::string(64, 'a') + ".com").ok());
}

// Found by tests/fuzz/jid_fuzz.cpp: an IP literal of 1,093 hex digits passed as a 1,095-byte domainpart.
TEST(Jid, IpLiteralIsAnIpv6AddressInSize) {
    EXPECT_TRUE(Jid::parse("u@[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]").ok());
    EXPECT_TRUE(Jid::parse("u@[2001:db8::1]").ok());
    EXPECT_FALSE(Jid::parse("u@[" + std::string(1093, 'a') + ":]").ok());
    EXPECT_FALSE(Jid::parse("u@[aaaaa::1]").ok());  // a group of five hex digits
    EXPECT_FALSE(Jid::parse("u@[1.2:3::1]").ok());  // dots only in the last group
}

TEST(Jid, BareFullAndEquality) {
    auto j = Jid::parse("Romeo@Montague.Example/Orchard");
    ASSERT_TRUE(j.ok());
    EXPECT_EQ(j->full(), "romeo@montague.example/Orchard");
    EXPECT_EQ(j->bareString(), "romeo@montague.example");
    EXPECT_TRUE(j->hasResource());
    EXPECT_FALSE(j->isBare());
    const Jid bare = j->bare();
    EXPECT_TRUE(bare.isBare());
    EXPECT_EQ(bare.full(), "romeo@montague.example");
    EXPECT_EQ(bare, *Jid::parse("romeo@montague.example"));
    EXPECT_NE(*j, bare);
    EXPECT_NE(*j, *Jid::parse("romeo@montague.example/orchard"));  // resources are case-sensitive
    EXPECT_TRUE(Jid::parse("montague.example")->isDomainOnly());
    EXPECT_TRUE(Jid().empty());
    EXPECT_FALSE(j->empty());
}

TEST(Jid, WithResourceAndFromParts) {
    auto bare = Jid::parse("juliet@capulet.example");
    ASSERT_TRUE(bare.ok());
    auto full = bare->withResource("balcony");
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->full(), "juliet@capulet.example/balcony");
    EXPECT_FALSE(bare->withResource("bad\x01").ok());
    EXPECT_TRUE(bare->withResource("")->isBare());
    EXPECT_FALSE(Jid().withResource("x").ok());
    auto parts = Jid::fromParts("Juliet", "Capulet.Example", "Balcony");
    ASSERT_TRUE(parts.ok());
    EXPECT_EQ(parts->full(), "juliet@capulet.example/Balcony");
    EXPECT_FALSE(Jid::fromParts("a@b", "example.com").ok());
    EXPECT_FALSE(Jid::fromParts("a", "").ok());
}

TEST(Jid, OrderingForContainers) {
    std::set<Jid> s;
    s.insert(*Jid::parse("b@example.com"));
    s.insert(*Jid::parse("a@example.com"));
    s.insert(*Jid::parse("A@example.com"));  // same as a@example.com after folding
    s.insert(*Jid::parse("a@example.com/r"));
    EXPECT_EQ(s.size(), 3u);
    EXPECT_EQ(s.begin()->full(), "a@example.com");
}

}  // namespace
}  // namespace starling::jid
