// Shared files received (XEP-0066 OOB recognised by the OOB module, fetched by the download module)
// through a whole Client: a contact's file in the open chat is fetched by itself up to 10 MiB, a
// stranger's waits for a click, a file over the limit waits for a click, a picture is drawn only when
// its bytes say so.
#include <gtest/gtest.h>

#include <string>

#include "client_test_harness.h"
#include "core/media/media_policy.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using test::stanza;

std::string pngHeader(std::uint32_t w, std::uint32_t h) {
    auto be32 = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5);
}

class MediaDownloadTest : public test::LoggedInClientTest {
protected:
    void receiveFile(const std::string& from, const std::string& url, const std::string& id = "f1") {
        h->feed(stanza(R"(<message type="chat" from=")" + from + R"(" to=")" + h->boundJid + R"(" id=")" + id +
                       R"("><body>)" + url + R"(</body><x xmlns="jabber:x:oob"><url>)" + url + R"(</url></x></message>)"));
    }
    const model::Message& msg(const std::string& peer) { return h->state().conversations.at(peer).messages.back(); }
    void tick() {
        h->clock.advance(250);
        h->client->onTimer();
    }
};

TEST_F(MediaDownloadTest, ContactsFileInTheOpenChatIsFetchedUpTo10MiB) {
    logIn();
    receiveFile("bob@localhost/phone", "https://localhost/up/cat.png");
    ASSERT_TRUE(msg("bob@localhost").attachment);
    EXPECT_EQ(msg("bob@localhost").attachment->state, model::AttachmentState::Available);
    EXPECT_EQ(msg("bob@localhost").attachment->name, "cat.png");
    tick();
    EXPECT_TRUE(h->http.transfers.empty()) << "only the open chat's files are fetched";
    h->client->openChat("bob@localhost");
    tick();
    ASSERT_EQ(h->http.transfers.size(), 1u);
    const auto& [id, get] = h->http.transfers[0];
    EXPECT_EQ(get.method, "GET");
    EXPECT_EQ(get.url, "https://localhost/up/cat.png");
    EXPECT_EQ(get.maxBytes, media::kAutoDownloadLimit);
    EXPECT_EQ(msg("bob@localhost").attachment->state, model::AttachmentState::Downloading);
    tick();
    EXPECT_EQ(h->http.transfers.size(), 1u) << "fetched once";
    const std::string bytes = pngHeader(800, 600) + "rest";
    h->client->onHttpResult(id, 200, bytes);
    const model::Attachment& a = *msg("bob@localhost").attachment;
    EXPECT_EQ(a.state, model::AttachmentState::Ready);
    EXPECT_EQ(a.kind, model::AttachmentKind::Image);
    EXPECT_EQ(a.width, 800);
    EXPECT_EQ(*h->state().media.at(a.url), bytes);
}

TEST_F(MediaDownloadTest, StrangersFileWaitsForAClick) {
    logIn();
    receiveFile("mallory@evil.example/x", "https://evil.example/track.png");
    h->client->openChat("mallory@evil.example");
    tick();
    EXPECT_TRUE(h->http.transfers.empty());
    EXPECT_EQ(msg("mallory@evil.example").attachment->state, model::AttachmentState::Blocked);
    ASSERT_TRUE(h->client->loadAttachment("mallory@evil.example", msg("mallory@evil.example").id));
    ASSERT_EQ(h->http.transfers.size(), 1u);
    EXPECT_EQ(h->http.transfers[0].second.maxBytes, media::kMaxDownload);
}

TEST_F(MediaDownloadTest, OverTheLimitWaitsForAClickAndSvgIsOnlyAFile) {
    logIn();
    receiveFile("bob@localhost/phone", "https://localhost/up/big.bin");
    h->client->openChat("bob@localhost");
    tick();
    ASSERT_EQ(h->http.transfers.size(), 1u);
    h->client->onHttpResult(h->http.transfers[0].first, platform::kHttpTooLarge, "");
    EXPECT_EQ(msg("bob@localhost").attachment->state, model::AttachmentState::Available);
    EXPECT_EQ(msg("bob@localhost").attachment->error, "too-large");
    tick();
    EXPECT_EQ(h->http.transfers.size(), 1u) << "not again by itself";
    receiveFile("bob@localhost/phone", "https://localhost/up/x.svg", "f2");
    tick();
    ASSERT_EQ(h->http.transfers.size(), 2u);
    h->client->onHttpResult(h->http.transfers[1].first, 200, R"(<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>)");
    EXPECT_EQ(msg("bob@localhost").attachment->state, model::AttachmentState::Ready);
    EXPECT_EQ(msg("bob@localhost").attachment->kind, model::AttachmentKind::File);
}

TEST_F(MediaDownloadTest, FailedFetchCanBeRetriedAndAPlainLinkIsText) {
    logIn();
    h->feed(stanza(R"(<message type="chat" from="bob@localhost/phone" id="t"><body>https://localhost/up/a.png</body></message>)"));
    EXPECT_FALSE(msg("bob@localhost").attachment);
    receiveFile("bob@localhost/phone", "https://localhost/up/b.png", "f3");
    h->client->openChat("bob@localhost");
    tick();
    ASSERT_EQ(h->http.transfers.size(), 1u);
    h->client->onHttpResult(h->http.transfers[0].first, 404, "");
    EXPECT_EQ(msg("bob@localhost").attachment->state, model::AttachmentState::Failed);
    EXPECT_EQ(msg("bob@localhost").attachment->error, "http-404");
    EXPECT_TRUE(h->client->retryTransfer("bob@localhost", msg("bob@localhost").id));
    EXPECT_EQ(h->http.transfers.size(), 2u);
}

// Over the cap, the least recently drawn file is let go; drawn again, it is fetched again, whoever sent
// it (it was fetched before); a contact's file older than what the open chat fetches by itself is
// fetched when drawn; a stranger's never is.
TEST_F(MediaDownloadTest, FilesLetGoByTheCacheAreFetchedAgainWhenDrawn) {
    logIn();
    h->client->setMediaCacheCap(100);
    receiveFile("bob@localhost/phone", "https://localhost/up/1.png", "f1");
    receiveFile("bob@localhost/phone", "https://localhost/up/2.png", "f2");
    h->client->openChat("bob@localhost");
    tick();
    ASSERT_EQ(h->http.transfers.size(), 2u);
    h->client->onHttpResult(h->http.transfers[0].first, 200, pngHeader(10, 10) + std::string(40, 'a'));
    h->client->onHttpResult(h->http.transfers[1].first, 200, pngHeader(10, 10) + std::string(40, 'b'));
    EXPECT_FALSE(h->state().media.count("https://localhost/up/1.png")) << "over the cap: the older one goes";
    EXPECT_TRUE(h->state().media.evicted("https://localhost/up/1.png"));
    EXPECT_LE(h->state().media.bytes(), 100u);
    tick();
    EXPECT_EQ(h->http.transfers.size(), 2u) << "not fetched again until drawn";
    h->client->attachmentDrawn("bob@localhost", "f1");
    ASSERT_EQ(h->http.transfers.size(), 3u);
    EXPECT_EQ(h->http.transfers[2].second.url, "https://localhost/up/1.png");
    EXPECT_EQ(h->state().conversations.at("bob@localhost").messages.front().attachment->state, model::AttachmentState::Downloading);
    h->client->attachmentDrawn("bob@localhost", "f1");
    EXPECT_EQ(h->http.transfers.size(), 3u) << "once";
    h->client->onHttpResult(h->http.transfers[2].first, 200, pngHeader(10, 10) + std::string(40, 'a'));
    EXPECT_TRUE(h->state().media.count("https://localhost/up/1.png"));
    EXPECT_FALSE(h->state().media.count("https://localhost/up/2.png"));

    // Drawn, a stranger's file stays blocked.
    receiveFile("mallory@evil.example/x", "https://evil.example/t.png", "s1");
    h->client->attachmentDrawn("mallory@evil.example", "s1");
    EXPECT_EQ(h->http.transfers.size(), 3u);
    EXPECT_EQ(msg("mallory@evil.example").attachment->state, model::AttachmentState::Blocked);
}

TEST_F(MediaDownloadTest, AContactsOlderFileIsFetchedWhenDrawn) {
    logIn();
    receiveFile("bob@localhost/phone", "https://localhost/up/old.png", "old");
    for (int i = 0; i < 45; ++i)
        h->feed(stanza(R"(<message type="chat" from="bob@localhost/phone" id="t)" + std::to_string(i) + R"("><body>hi</body></message>)"));
    h->client->openChat("bob@localhost");
    tick();
    EXPECT_TRUE(h->http.transfers.empty()) << "older than the newest 40: not by itself";
    h->client->attachmentDrawn("bob@localhost", "old");
    ASSERT_EQ(h->http.transfers.size(), 1u);
    EXPECT_EQ(h->http.transfers[0].second.maxBytes, media::kAutoDownloadLimit);
}

}  // namespace
}  // namespace starling
