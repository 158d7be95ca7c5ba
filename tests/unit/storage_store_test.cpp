#include "core/storage/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace starling::storage {
namespace {

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/starling-store-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string dir;
};

TEST_F(StoreTest, WriteReadRoundTripCreatesParents) {
    Store store(dir);
    ASSERT_TRUE(store.writeAtomic("accounts/a@b/roster.json", "{\"items\":[]}\n").ok());
    auto text = store.read("accounts/a@b/roster.json");
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, "{\"items\":[]}\n");
    EXPECT_TRUE(store.exists("accounts/a@b/roster.json"));
    // No temp file is left behind.
    EXPECT_FALSE(store.exists("accounts/a@b/roster.json.tmp"));
}

TEST_F(StoreTest, WriteAtomicReplacesWholeFile) {
    Store store(dir);
    ASSERT_TRUE(store.writeAtomic("s.json", "a much longer first version").ok());
    ASSERT_TRUE(store.writeAtomic("s.json", "short").ok());
    EXPECT_EQ(*store.read("s.json"), "short");
}

TEST_F(StoreTest, MissingFileIsNotFound) {
    Store store(dir);
    auto text = store.read("nope.json");
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().code, "not-found");
    EXPECT_FALSE(store.exists("nope.json"));
}

TEST_F(StoreTest, AppendGrowsFile) {
    Store store(dir);
    ASSERT_TRUE(store.append("h/peer.log", "one\n").ok());
    ASSERT_TRUE(store.append("h/peer.log", "two\n").ok());
    EXPECT_EQ(*store.read("h/peer.log"), "one\ntwo\n");
}

#ifndef __EMSCRIPTEN__
// A write that stops half-way (disk full, quota) leaves no partial record behind for the next append
// to be glued onto. RLIMIT_FSIZE makes the kernel cut the write short for real.
TEST_F(StoreTest, FailedAppendLeavesNoPartialRecord) {
    Store store(dir);
    ASSERT_TRUE(store.append("h.log", "first\n").ok());
    struct rlimit old {};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto* oldHandler = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 6 + 4;  // room for "first\n" and 4 more bytes
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
    auto r = store.append("h.log", "second-record\n");
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, oldHandler);
    EXPECT_FALSE(r.ok());
    ASSERT_TRUE(store.append("h.log", "third\n").ok());
    EXPECT_EQ(store.read("h.log").value(), "first\nthird\n");
}
#endif

TEST_F(StoreTest, ListIsSortedAndSkipsTempFiles) {
    Store store(dir);
    ASSERT_TRUE(store.writeAtomic("d/b.log", "b").ok());
    ASSERT_TRUE(store.writeAtomic("d/a.log", "a").ok());
    std::ofstream(dir + "/d/c.log.tmp") << "half";
    auto names = store.list("d");
    ASSERT_TRUE(names.ok());
    EXPECT_EQ(*names, (std::vector<std::string>{"a.log", "b.log"}));
    auto none = store.list("missing");
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_F(StoreTest, RemoveAndRemoveTree) {
    Store store(dir);
    ASSERT_TRUE(store.writeAtomic("acc/x/h/1.log", "1").ok());
    ASSERT_TRUE(store.writeAtomic("acc/x/r.json", "r").ok());
    ASSERT_TRUE(store.writeAtomic("acc/y/r.json", "keep").ok());
    ASSERT_TRUE(store.remove("acc/x/r.json").ok());
    EXPECT_FALSE(store.exists("acc/x/r.json"));
    EXPECT_TRUE(store.remove("acc/x/r.json").ok());  // already gone is fine
    ASSERT_TRUE(store.removeTree("acc/x").ok());
    EXPECT_FALSE(store.exists("acc/x"));
    EXPECT_EQ(*store.read("acc/y/r.json"), "keep");
}

TEST_F(StoreTest, RefusesEscapingPaths) {
    Store store(dir + "/inner");
    for (const char* bad : {"../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a/", ""}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(store.writeAtomic(bad, "x").ok());
        EXPECT_FALSE(store.append(bad, "x").ok());
        EXPECT_FALSE(store.read(bad).ok());
        EXPECT_FALSE(store.removeTree(bad).ok());
    }
    EXPECT_EQ(access((dir + "/x").c_str(), F_OK), -1);
}

TEST_F(StoreTest, UnwritableRootReportsErrorAndKeepsOldData) {
    Store good(dir);
    ASSERT_TRUE(good.writeAtomic("blocker", "i am a file").ok());
    Store bad(dir + "/blocker/root");  // a file where a directory should be
    auto w = bad.writeAtomic("settings.json", "{}");
    ASSERT_FALSE(w.ok());
    EXPECT_FALSE(w.error().message.empty());
    EXPECT_FALSE(bad.append("h/p.log", "x\n").ok());
    EXPECT_EQ(*good.read("blocker"), "i am a file");
}

}  // namespace
}  // namespace starling::storage
