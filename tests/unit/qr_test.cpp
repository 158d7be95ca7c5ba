// The QR encoder against facts of ISO/IEC 18004: byte capacities per version and level, symbol sizes,
// the Reed–Solomon example of Annex I (1-M "01234567"), the format information read back from the symbol
// (level and mask, both copies), finder/timing patterns, the penalty choosing the mask, the version
// information of version 7 and too-long input refused. Decoding by an independent reader (zbarimg) is
// tests/integration/qr_zbar_test.cpp.
#include "core/util/qr.h"

#include <gtest/gtest.h>

#include <string>

namespace starling::util {
namespace {

TEST(Qr, ByteCapacitiesFromTheStandard) {
    EXPECT_EQ(qrByteCapacity(1, QrEcc::L), 17);
    EXPECT_EQ(qrByteCapacity(1, QrEcc::M), 14);
    EXPECT_EQ(qrByteCapacity(1, QrEcc::Q), 11);
    EXPECT_EQ(qrByteCapacity(1, QrEcc::H), 7);
    EXPECT_EQ(qrByteCapacity(2, QrEcc::M), 26);
    EXPECT_EQ(qrByteCapacity(5, QrEcc::M), 84);
    EXPECT_EQ(qrByteCapacity(7, QrEcc::M), 122);
    EXPECT_EQ(qrByteCapacity(10, QrEcc::L), 271);
    EXPECT_EQ(qrByteCapacity(10, QrEcc::M), 213);
    EXPECT_EQ(qrByteCapacity(15, QrEcc::L), 520);
    EXPECT_EQ(qrByteCapacity(15, QrEcc::M), 412);
    EXPECT_EQ(qrByteCapacity(40, QrEcc::L), 2953);
    EXPECT_EQ(qrByteCapacity(40, QrEcc::M), 2331);
    EXPECT_EQ(qrDataCodewords(1, QrEcc::M), 16);
    EXPECT_EQ(qrDataCodewords(40, QrEcc::H), 1276);
}

TEST(Qr, ReedSolomonAnnexExample) {
    // ISO/IEC 18004 Annex I: "01234567" at 1-M.
    const std::vector<std::uint8_t> data = {0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                                            0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11};
    const std::vector<std::uint8_t> ecc = {0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55};
    EXPECT_EQ(qrReedSolomon(data, 10), ecc);
}

int formatBits(const QrCode& c, bool second) {
    int bits = 0;
    auto put = [&](int i, bool d) { bits |= (d ? 1 : 0) << i; };
    const int n = c.size;
    if (!second) {
        for (int i = 0; i <= 5; ++i) put(i, c.dark(8, i));
        put(6, c.dark(8, 7));
        put(7, c.dark(8, 8));
        put(8, c.dark(7, 8));
        for (int i = 9; i < 15; ++i) put(i, c.dark(14 - i, 8));
    } else {
        for (int i = 0; i < 8; ++i) put(i, c.dark(n - 1 - i, 8));
        for (int i = 8; i < 15; ++i) put(i, c.dark(8, n - 15 + i));
    }
    return bits ^ 0x5412;
}

TEST(Qr, SymbolStructure) {
    auto code = encodeQr("xmpp:alice@example.org", QrEcc::M);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(code->version, 2);  // 22 bytes: more than 1-M's 14, within 2-M's 26
    EXPECT_EQ(code->size, 25);
    ASSERT_EQ(code->modules.size(), 625u);
    // Format information, both copies: level M (00) and the chosen mask.
    for (bool second : {false, true}) {
        const int f = formatBits(*code, second);
        EXPECT_EQ(f >> 13, 0) << "level M";
        EXPECT_EQ((f >> 10) & 7, code->mask);
    }
    EXPECT_TRUE(code->dark(8, code->size - 8)) << "the dark module";
    // Finder pattern at the top left: dark ring, light ring, dark 3×3 core; light separator.
    for (int i = 0; i < 7; ++i) {
        EXPECT_TRUE(code->dark(i, 0));
        EXPECT_TRUE(code->dark(0, i));
        EXPECT_FALSE(code->dark(i, 7));
    }
    EXPECT_FALSE(code->dark(1, 1));
    EXPECT_TRUE(code->dark(3, 3));
    // Timing patterns alternate.
    for (int i = 8; i < code->size - 8; ++i) {
        EXPECT_EQ(code->dark(i, 6), i % 2 == 0);
        EXPECT_EQ(code->dark(6, i), i % 2 == 0);
    }
    auto low = encodeQr("xmpp:alice@example.org", QrEcc::L);
    ASSERT_TRUE(low.ok());
    EXPECT_EQ(formatBits(*low, false) >> 13, 1) << "level L";
}

TEST(Qr, MaskIsTheLowestPenalty) {
    const std::string text = "xmpp:bob@example.net?omemo-sid-1234567=0123456789abcdef0123456789abcdef";
    auto chosen = encodeQr(text, QrEcc::M);
    ASSERT_TRUE(chosen.ok());
    int lowest = -1;
    for (int mask = 0; mask < 8; ++mask) {
        auto forced = encodeQr(text, QrEcc::M, 40, mask);
        ASSERT_TRUE(forced.ok());
        EXPECT_EQ(forced->mask, mask);
        const int p = qrPenalty(*forced);
        if (lowest < 0 || p < lowest) lowest = p;
    }
    EXPECT_EQ(qrPenalty(*chosen), lowest);
}

TEST(Qr, VersionInformationFromVersion7) {
    auto code = encodeQr(std::string(100, 'a'), QrEcc::M);  // 100 bytes: 6-M holds 106, so version 6
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(code->version, 6);
    code = encodeQr(std::string(120, 'a'), QrEcc::M);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(code->version, 7);
    EXPECT_EQ(code->size, 45);
    // Version 7's information is 000111 110010 010100 (ISO/IEC 18004 Annex D), bit i at (n−11+i%3, i/3).
    const long expected = 0x07C94;
    long bits = 0;
    for (int i = 0; i < 18; ++i) {
        bits |= static_cast<long>(code->dark(code->size - 11 + i % 3, i / 3)) << i;
        EXPECT_EQ(code->dark(code->size - 11 + i % 3, i / 3), code->dark(i / 3, code->size - 11 + i % 3));
    }
    EXPECT_EQ(bits, expected);
}

TEST(Qr, TooLongIsAnError) {
    auto r = encodeQr(std::string(413, 'x'), QrEcc::M, 15);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "qr-too-long");
    EXPECT_TRUE(encodeQr(std::string(412, 'x'), QrEcc::M, 15).ok());
    EXPECT_FALSE(encodeQr("x", QrEcc::M, 0).ok());
    auto empty = encodeQr("", QrEcc::L);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->version, 1);
}

}  // namespace
}  // namespace starling::util
