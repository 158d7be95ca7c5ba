#include "core/storage/account_store.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace starling::storage {
namespace {

class CountingPersistence : public platform::Persistence {
public:
    void requestFlush() override { ++flushes; }
    int flushes = 0;
};

class AccountStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/starling-acc-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
        store = std::make_unique<Store>(dir);
        data = std::make_unique<AccountStore>(*store, persistence);
        data->onError = [this](const std::string& e) { errors.push_back(e); };
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    model::Message incoming(std::string id, std::string from, std::string body, std::int64_t ts) {
        model::Message m;
        m.id = std::move(id);
        m.from = std::move(from);
        m.body = std::move(body);
        m.timestampMs = ts;
        return m;
    }
    std::string dir;
    CountingPersistence persistence;
    std::unique_ptr<Store> store;
    std::unique_ptr<AccountStore> data;
    std::vector<std::string> errors;
};

TEST_F(AccountStoreTest, HistoryRoundTripPerPeerSortedByTime) {
    ASSERT_TRUE(data->appendMessage("me@x", "bob@x", incoming("2", "bob@x/a", "later", 2000)));
    ASSERT_TRUE(data->appendMessage("me@x", "bob@x", incoming("1", "bob@x/a", "earlier", 1000)));
    ASSERT_TRUE(data->appendMessage("me@x", "карл@пример.рф", incoming("3", "карл@пример.рф/a", "ку", 1500)));
    EXPECT_EQ(persistence.flushes, 3);
    auto convs = data->loadHistory("me@x");
    ASSERT_EQ(convs.size(), 2u);
    ASSERT_EQ(convs.at("bob@x").messages.size(), 2u);
    EXPECT_EQ(convs.at("bob@x").messages[0].body, "earlier");
    EXPECT_EQ(convs.at("bob@x").jid, "bob@x");
    EXPECT_EQ(convs.at("карл@пример.рф").messages[0].body, "ку");
    EXPECT_TRUE(errors.empty());
    EXPECT_TRUE(data->loadHistory("nobody@x").empty());
}

TEST_F(AccountStoreTest, VeryLongPeerJidsGetHashedFileNamesAndStillLoad) {
    const std::string local(1000, 'j');  // RFC 7622 allows 1023 bytes; a file name does not
    const std::string cyr = "д" + std::string(300, 'x');
    const std::string peer = local + "@example.org", peer2 = cyr + "@example.org";
    const std::string name = fileNameFor(peer);
    EXPECT_LE(name.size(), kMaxFileName);
    EXPECT_TRUE(isHashedFileName(name));
    EXPECT_FALSE(bareFromFileName(name).has_value());
    EXPECT_NE(fileNameFor(peer), fileNameFor(local + "k@example.org"));
    ASSERT_TRUE(data->appendMessage("me@x", peer, incoming("1", peer + "/r", "long one", 1)));
    ASSERT_TRUE(data->appendMessage("me@x", peer, incoming("2", peer + "/r", "second", 2)));
    ASSERT_TRUE(data->appendMessage("me@x", peer2, incoming("3", peer2 + "/r", "cyr", 3)));
    auto convs = data->loadHistory("me@x");
    ASSERT_EQ(convs.count(peer), 1u);
    EXPECT_EQ(convs.at(peer).messages.size(), 2u);
    EXPECT_EQ(convs.at(peer2).messages.size(), 1u);
    EXPECT_TRUE(errors.empty());
}

TEST_F(AccountStoreTest, CredentialsAndSettingsLifecycle) {
    Credentials c;
    c.jid = "me@x";
    c.url = "ws://h/ws";
    c.scram.mechanism = "SCRAM-SHA-1";
    c.scram.salt = {9};
    c.scram.iterations = 4096;
    c.scram.clientKey = crypto::Bytes(20, 1);
    c.scram.serverKey = crypto::Bytes(20, 2);
    ASSERT_TRUE(data->saveCredentials(c));
    ASSERT_TRUE(data->loadCredentials("me@x").has_value());
    EXPECT_FALSE(data->loadCredentials("other@x").has_value());
    ASSERT_TRUE(data->forgetCredentials("me@x"));
    EXPECT_FALSE(data->loadCredentials("me@x").has_value());
    ASSERT_TRUE(data->saveSettings({"ru", "me@x"}));
    EXPECT_EQ(data->loadSettings().language, "ru");
    ASSERT_TRUE(data->savePinnedMechanism("me@x", "SCRAM-SHA-256"));
    EXPECT_EQ(data->loadPinnedMechanism("me@x"), "SCRAM-SHA-256");
    ASSERT_TRUE(data->removeAccount("me@x"));
    EXPECT_EQ(data->loadPinnedMechanism("me@x"), "");
    EXPECT_EQ(data->loadSettings().account, "me@x");  // settings are not per account
    EXPECT_TRUE(errors.empty());
}

TEST_F(AccountStoreTest, FailuresAreReportedNotFatal) {
    Store broken(dir + "/file/below");
    ASSERT_TRUE(store->writeAtomic("file", "x").ok());
    AccountStore bad(broken, persistence);
    std::vector<std::string> badErrors;
    bad.onError = [&](const std::string& e) { badErrors.push_back(e); };
    EXPECT_FALSE(bad.appendMessage("me@x", "bob@x", incoming("1", "bob@x/a", "x", 1)));
    EXPECT_FALSE(bad.saveSettings({"en", ""}));
    EXPECT_EQ(badErrors.size(), 2u);
    EXPECT_EQ(bad.loadSettings().language, "");  // defaults, and not-found is no error
    EXPECT_EQ(*store->read("file"), "x");
}

}  // namespace
}  // namespace starling::storage
