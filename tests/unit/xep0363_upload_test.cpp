// XEP-0363 HTTP File Upload: the payloads against the XEP's examples (tests/fixtures/xml/xep0363, named
// by example number), then the module through a whole Client: the service found by disco and its limit
// known before any file is picked; a slot asked, checked (our service's host; https on an https page),
// the file PUT with only the headers the XEP allows; then the URL sent as the body plus XEP-0066 OOB.
#include "core/xep/xep0363_upload.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client_test_harness.h"
#include "core/xml/ns.h"
#include "xep_fixture.h"

namespace starling {
namespace {

using test::fixture;
using test::stanza;

xml::Element withoutIdAndFrom(xml::Element e) {
    e.removeAttr("id");
    e.removeAttr("from");
    return e;
}

TEST(Xep0363Upload, DiscoItemsRequestIsExample1AndItsAnswerExample2) {
    EXPECT_TRUE(xml::equivalent(xep::discoItemsIq("montague.tld"), withoutIdAndFrom(fixture("xep0363/01.xml"))));
    const xml::Element answer = fixture("xep0363/02.xml");
    EXPECT_EQ(xep::discoItemJids(*answer.child(ns::kDiscoItems, "query")),
              (std::vector<std::string>{"upload.montague.tld", "conference.montague.tld"}));
}

TEST(Xep0363Upload, ServiceAndItsLimitFromExample4) {
    const xml::Element info = fixture("xep0363/04.xml");
    auto service = xep::uploadServiceFrom("upload.montague.tld", *info.child(ns::kDiscoInfo, "query"));
    ASSERT_TRUE(service);
    EXPECT_EQ(service->maxFileSize, 5242880u);
    const auto notUpload = test::parseStanza(
        R"(<iq type="result"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text"/><feature var="http://jabber.org/protocol/muc"/></query></iq>)");
    EXPECT_FALSE(xep::uploadServiceFrom("conference.montague.tld", *notUpload.child(ns::kDiscoInfo, "query")));
}

TEST(Xep0363Upload, SlotRequestIsExample5) {
    EXPECT_TRUE(xml::equivalent(xep::slotRequestIq("upload.montague.tld", "très cool.jpg", 23456, "image/jpeg"),
                                withoutIdAndFrom(fixture("xep0363/05.xml"))));
}

TEST(Xep0363Upload, SlotOfExample6) {
    auto slot = xep::parseSlot(fixture("xep0363/06.xml"));
    ASSERT_TRUE(slot);
    EXPECT_EQ(slot->putUrl, "https://upload.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg");
    EXPECT_EQ(slot->getUrl, "https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg");
    using H = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(slot->headers, (H{{"Authorization", "Basic Base64String=="}, {"Cookie", "foo=bar; user=romeo"}}));
}

TEST(Xep0363Upload, OnlyTheAllowedHeadersPassAndNoLineBreaks) {
    auto slot = xep::parseSlot(test::parseStanza(R"(<iq type="result"><slot xmlns="urn:xmpp:http:upload:0">
        <put url="https://up.example/a"><header name="Authorization">Bearer x</header><header name="expires">Wed</header>
        <header name="Host">evil.example</header><header name="Content-Length">1</header><header name="X-Custom">1</header>
        <header name="Cookie">a=b&#13;&#10;X-Injected: 1</header></put><get url="https://up.example/a"/></slot></iq>)"));
    ASSERT_TRUE(slot);
    using H = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(slot->headers, (H{{"Authorization", "Bearer x"}, {"expires", "Wed"}}));
}

TEST(Xep0363Upload, SlotsWithoutHttpUrlsAreRefused) {
    for (const char* bad : {R"(<iq type="result"><slot xmlns="urn:xmpp:http:upload:0"><put url="https://up.example/a"/></slot></iq>)",
                            R"(<iq type="result"><slot xmlns="urn:xmpp:http:upload:0"><put url="file:///etc/passwd"/><get url="https://up.example/a"/></slot></iq>)",
                            R"(<iq type="result"/>)"}) {
        auto slot = xep::parseSlot(test::parseStanza(bad));
        ASSERT_FALSE(slot) << bad;
        EXPECT_EQ(slot.error().code, "upload-bad-slot");
    }
}

TEST(Xep0363Upload, FileTooLargeLimitOfExample11) {
    EXPECT_EQ(xep::fileTooLargeLimit(fixture("xep0363/11.xml")), 20000u);
}

// --- the module through a whole Client ---

class UploadClientTest : public test::LoggedInClientTest {
protected:
    void SetUp() override {}
    // Logs in and answers the service discovery as Prosody with http_file_share does.
    void logInWithUploadService(std::uint64_t limit = 10485760, bool https = false) {
        h = std::make_unique<test::ClientHarness>(dir.path);
        h->config.pageIsHttps = https;
        h->make();
        test::ScramServer server("SCRAM-SHA-256", test::kPassword);
        h->login(server, test::kBobRoster);
        std::vector<xml::Element> sent = h->extraAfterLogin;
        for (auto& e : h->takeSent()) sent.push_back(std::move(e));
        const xml::Element* items = nullptr;
        for (const auto& e : sent)
            if (e.child(ns::kDiscoItems, "query")) items = &e;
        ASSERT_NE(items, nullptr) << "no disco#items asked";
        EXPECT_EQ(items->attr("to"), "localhost");
        h->feed(stanza(R"(<iq type="result" from="localhost" id=")" + std::string(items->attr("id")) +
                       R"("><query xmlns="http://jabber.org/protocol/disco#items"><item jid="conference.localhost"/><item jid="upload.localhost"/></query></iq>)"));
        std::vector<xml::Element> infos = h->takeSent();
        ASSERT_EQ(infos.size(), 2u);
        EXPECT_FALSE(h->state().upload.jid.size()) << "limit known only from the answer";
        h->feed(stanza(R"(<iq type="result" from="conference.localhost" id=")" + std::string(infos[0].attr("id")) +
                       R"("><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text"/><feature var="http://jabber.org/protocol/muc"/></query></iq>)"));
        h->feed(stanza(R"(<iq type="result" from="upload.localhost" id=")" + std::string(infos[1].attr("id")) +
                       R"("><query xmlns="http://jabber.org/protocol/disco#info"><identity category="store" type="file"/><feature var="urn:xmpp:http:upload:0"/>)"
                       R"(<x type="result" xmlns="jabber:x:data"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:http:upload:0</value></field>)"
                       R"(<field var="max-file-size"><value>)" + std::to_string(limit) + R"(</value></field></x></query></iq>)"));
    }
    const model::Message& last() { return h->state().conversations.at("bob@localhost").messages.back(); }
    xml::Element slotRequest() {
        auto sent = h->takeSent();
        EXPECT_EQ(sent.size(), 1u);
        return sent.empty() ? xml::Element() : sent[0];
    }
    void answerSlot(const xml::Element& request, const std::string& put, const std::string& get) {
        h->feed(stanza(R"(<iq type="result" from="upload.localhost" id=")" + std::string(request.attr("id")) +
                       R"("><slot xmlns="urn:xmpp:http:upload:0"><put url=")" + put +
                       R"("><header name="Authorization">Bearer t0k</header><header name="X-Other">no</header></put><get url=")" + get +
                       R"("/></slot></iq>)"));
    }
};

TEST_F(UploadClientTest, ServiceAndLimitKnownBeforeAnythingIsPicked) {
    logInWithUploadService(5242880);
    EXPECT_EQ(h->state().upload.jid, "upload.localhost");
    EXPECT_EQ(h->state().upload.maxFileSize, 5242880u);
}

TEST_F(UploadClientTest, PlainFileGoesUpThenOutAsBodyPlusOob) {
    logInWithUploadService();
    const std::string bytes = "\x89PNG not really";
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", bytes));
    EXPECT_EQ(last().attachment->state, model::AttachmentState::Uploading);
    EXPECT_EQ(last().status, model::MessageStatus::Queued);
    const xml::Element req = slotRequest();
    EXPECT_EQ(req.attr("to"), "upload.localhost");
    const xml::Element* r = req.child(ns::kHttpUpload, "request");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->attr("filename"), "cat.png");
    EXPECT_EQ(r->attr("size"), std::to_string(bytes.size()));
    EXPECT_EQ(r->attr("content-type"), "image/png");
    // a text written while the file uploads waits behind it (the chat's order)
    h->client->sendMessage("bob@localhost", "look!");
    EXPECT_TRUE(h->takeSent().empty());

    answerSlot(req, "http://localhost:5280/file_share/abc/cat.png", "http://localhost:5280/file_share/abc/cat.png");
    ASSERT_EQ(h->http.transfers.size(), 1u);
    const auto& [id, put] = h->http.transfers[0];
    EXPECT_EQ(put.method, "PUT");
    EXPECT_EQ(put.url, "http://localhost:5280/file_share/abc/cat.png");
    EXPECT_EQ(put.body, bytes);
    using H = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(put.headers, (H{{"Authorization", "Bearer t0k"}, {"Content-Type", "image/png"}}));

    h->client->onHttpProgress(id, 5, bytes.size());
    EXPECT_EQ(h->state().conversations.at("bob@localhost").messages[0].attachment->done, 5u);
    h->client->onHttpResult(id, 201, "");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "http://localhost:5280/file_share/abc/cat.png");
    const xml::Element* oob = sent[0].child(ns::kOob, "x");
    ASSERT_NE(oob, nullptr);
    EXPECT_EQ(oob->childText(ns::kOob, "url"), "http://localhost:5280/file_share/abc/cat.png");
    EXPECT_EQ(sent[1].childText(ns::kClient, "body"), "look!");
    EXPECT_EQ(sent[1].child(ns::kOob, "x"), nullptr);
    const model::Message& m = h->state().conversations.at("bob@localhost").messages[0];
    EXPECT_EQ(m.attachment->state, model::AttachmentState::Sent);
    EXPECT_EQ(*h->state().media.at(m.attachment->url), bytes);  // shown from memory, not fetched again
}

TEST_F(UploadClientTest, AFileOverTheLimitIsRefusedBeforeUploading) {
    logInWithUploadService(10);
    EXPECT_FALSE(h->client->sendFile("bob@localhost", "big.bin", "", std::string(11, 'x')));
    EXPECT_EQ(h->state().notice, "upload-too-large");
    EXPECT_TRUE(h->takeSent().empty());
    EXPECT_TRUE(h->client->sendFile("bob@localhost", "ok.bin", "", std::string(10, 'x')));
}

TEST_F(UploadClientTest, ASlotOnAForeignHostIsRefused) {
    logInWithUploadService();
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "x"));
    answerSlot(slotRequest(), "https://evil.example/steal", "https://evil.example/steal");
    EXPECT_TRUE(h->http.transfers.empty());
    EXPECT_EQ(last().status, model::MessageStatus::Failed);
    EXPECT_EQ(last().attachment->error, "upload-bad-slot");
    // retried: a new slot, this time ours
    ASSERT_TRUE(h->client->retryTransfer("bob@localhost", last().id));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    EXPECT_EQ(h->http.transfers.size(), 1u);
}

TEST_F(UploadClientTest, HttpSlotOnAnHttpsPageIsRefused) {
    logInWithUploadService(100, true);
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "x"));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    EXPECT_TRUE(h->http.transfers.empty());
    EXPECT_EQ(last().attachment->error, "upload-bad-slot");
}

TEST_F(UploadClientTest, CancelledUploadLeavesNothingAndLetsTheChatGoOn) {
    logInWithUploadService();
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "x"));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    h->client->sendMessage("bob@localhost", "after");
    const std::string id = h->state().conversations.at("bob@localhost").messages[0].id;
    ASSERT_TRUE(h->client->cancelTransfer("bob@localhost", id));
    EXPECT_EQ(h->http.cancelled, std::vector<std::uint32_t>{h->http.transfers[0].first});
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "after");
    EXPECT_EQ(h->state().conversations.at("bob@localhost").messages.size(), 1u);
    h->client->onHttpResult(h->http.transfers[0].first, 201, "");  // a late answer changes nothing
    EXPECT_TRUE(h->takeSent().empty());
}

TEST_F(UploadClientTest, FailedPutCanBeRetried) {
    logInWithUploadService();
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "x"));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    h->client->onHttpResult(h->http.transfers[0].first, 0, "");
    EXPECT_EQ(last().attachment->state, model::AttachmentState::Failed);
    EXPECT_EQ(last().attachment->error, "upload-http-0");
    EXPECT_TRUE(h->takeSent().empty());
    ASSERT_TRUE(h->client->retryTransfer("bob@localhost", last().id));
    EXPECT_EQ(last().attachment->state, model::AttachmentState::Uploading);
    answerSlot(slotRequest(), "http://upload.localhost/b", "http://upload.localhost/b");
    h->client->onHttpResult(h->http.transfers[1].first, 200, "");
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].childText(ns::kClient, "body"), "http://upload.localhost/b");
}

}  // namespace
}  // namespace starling

namespace starling {
namespace {

// "Send again" on a file whose upload failed uploads it again: a message with an empty body never goes out.
TEST_F(UploadClientTest, SendAgainOnAFailedUploadUploadsAgain) {
    logInWithUploadService();
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "x"));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    h->client->onHttpResult(h->http.transfers[0].first, 500, "");
    ASSERT_EQ(last().status, model::MessageStatus::Failed);
    h->client->resendMessage("bob@localhost", last().id);
    auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].child(ns::kHttpUpload, "request"), nullptr) << xml::serialize(sent[0], ns::kClient);
}

}  // namespace
}  // namespace starling

namespace starling {
namespace {

// The picture shows while it uploads (from its local key), then under its URL; a cancel drops it.
TEST_F(UploadClientTest, PictureShowsWhileItUploads) {
    logInWithUploadService();
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "cat.png", "image/png", "bytes"));
    const std::string id = last().id;
    ASSERT_TRUE(h->state().media.count(model::localMediaKey(id)));
    answerSlot(slotRequest(), "http://upload.localhost/a", "http://upload.localhost/a");
    h->client->onHttpResult(h->http.transfers[0].first, 201, "");
    EXPECT_FALSE(h->state().media.count(model::localMediaKey(id)));
    EXPECT_EQ(*h->state().media.at("http://upload.localhost/a"), "bytes");
    ASSERT_TRUE(h->client->sendFile("bob@localhost", "dog.png", "image/png", "more"));
    const std::string second = last().id;
    ASSERT_TRUE(h->client->cancelTransfer("bob@localhost", second));
    EXPECT_FALSE(h->state().media.count(model::localMediaKey(second)));
}

}  // namespace
}  // namespace starling
