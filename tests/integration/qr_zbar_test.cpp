// Our QR encoder read back by an independent decoder: Debian's zbarimg (zbar-tools, installed by
// scripts/setup.sh). Every version 1–15 at levels L and M filled to capacity, all eight masks, a few large
// versions, and the OMEMO verification URI as the own-fingerprint view shows it. Missing zbarimg is a
// failure, not a skip: CI must prove that the symbols decode.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/qr.h"
#include "integration/client_harness.h"

namespace starling::integration {
namespace {

using util::QrEcc;

// Plain PBM (P1), `scale` pixels per module, a 4-module quiet zone as the standard asks.
void writePbm(const util::QrCode& code, const std::string& path, int scale = 3) {
    const int quiet = 4;
    const int side = (code.size + 2 * quiet) * scale;
    std::ofstream out(path);
    out << "P1\n" << side << " " << side << "\n";
    for (int py = 0; py < side; ++py) {
        for (int px = 0; px < side; ++px) {
            const int x = px / scale - quiet, y = py / scale - quiet;
            const bool d = x >= 0 && y >= 0 && x < code.size && y < code.size && code.dark(x, y);
            out << (d ? '1' : '0');
        }
        out << '\n';
    }
}

bool haveZbar() { return std::system("command -v zbarimg >/dev/null 2>&1") == 0; }

// zbarimg's --raw output without the trailing newline; "" when nothing decoded.
std::string zbar(const std::string& path) {
    const std::string cmd = "zbarimg --raw -q -Sdisable -Sqrcode.enable '" + path + "' 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return "";
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::string fill(std::size_t n, int seed) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789=;?@.:-";
    std::string s = "xmpp:";
    for (std::size_t i = 0; s.size() < n; ++i) s += kChars[(i * 7 + seed * 13 + i / 5) % (sizeof kChars - 1)];
    return s.substr(0, n);
}

class QrZbar : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(haveZbar()) << "zbarimg missing: scripts/setup.sh installs zbar-tools"; }
    ::testing::AssertionResult roundTrip(const std::string& text, QrEcc ecc, int expectVersion = 0, int mask = -1) {
        auto code = util::encodeQr(text, ecc, 40, mask);
        if (!code) return ::testing::AssertionFailure() << code.error().message;
        if (expectVersion && code->version != expectVersion)
            return ::testing::AssertionFailure() << "version " << code->version << " not " << expectVersion;
        const std::string path = dir.path() + "/v" + std::to_string(code->version) + "m" + std::to_string(code->mask) + ".pbm";
        writePbm(*code, path);
        const std::string got = zbar(path);
        if (got != text)
            return ::testing::AssertionFailure() << "version " << code->version << " level " << int(ecc) << " mask "
                                                 << code->mask << ": decoded '" << got << "' instead of '" << text << "'";
        return ::testing::AssertionSuccess();
    }
    TempDir dir;
};

TEST_F(QrZbar, EveryVersionUpTo15AtLevelsLAndMFilledToCapacity) {
    int decoded = 0;
    for (QrEcc ecc : {QrEcc::L, QrEcc::M})
        for (int v = 1; v <= 15; ++v) {
            EXPECT_TRUE(roundTrip(fill(static_cast<std::size_t>(util::qrByteCapacity(v, ecc)), v), ecc, v));
            ++decoded;
        }
    EXPECT_EQ(decoded, 30);
}

TEST_F(QrZbar, AllEightMasks) {
    for (int mask = 0; mask < 8; ++mask) EXPECT_TRUE(roundTrip(fill(40, mask), QrEcc::M, 3, mask)) << "mask " << mask;
}

TEST_F(QrZbar, LargeVersions) {
    for (int v : {20, 27, 40}) EXPECT_TRUE(roundTrip(fill(static_cast<std::size_t>(util::qrByteCapacity(v, QrEcc::M)), v), QrEcc::M, v));
}

TEST_F(QrZbar, OmemoVerificationUri) {
    EXPECT_TRUE(roundTrip("xmpp:alice@example.org?omemo-sid-1234567890=05a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f",
                          QrEcc::M));
}

}  // namespace
}  // namespace starling::integration
