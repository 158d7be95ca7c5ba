// Voice messages (core/media/ogg_opus.h): Opus packets out of WebM as MediaRecorder writes it (segment
// and clusters of unknown size), into Ogg pages (RFC 7845) with valid checksums, granule positions from
// the packets' TOC bytes (RFC 6716 §3.1), BOS/EOS flags; bad input is an error.
#include "core/media/ogg_opus.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace starling {
namespace {

std::string id(std::uint32_t v) {
    std::string s;
    for (int shift = 24; shift >= 0; shift -= 8)
        if ((v >> shift) || !s.empty()) s += char(v >> shift);
    return s;
}
std::string size(std::uint64_t n) {  // 8-byte EBML size
    std::string s(1, '\x01');
    for (int shift = 48; shift >= 0; shift -= 8) s += char(n >> shift);
    return s;
}
std::string el(std::uint32_t i, const std::string& body) { return id(i) + size(body.size()) + body; }
const std::string kUnknown("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);

std::string opusHead(std::uint16_t preSkip = 312) {
    std::string h = "OpusHead";
    h += char(1);  // version
    h += char(1);  // channels
    h += char(preSkip & 0xFF);
    h += char(preSkip >> 8);
    h += std::string("\x80\xBB\0\0", 4);  // 48000 Hz
    h += std::string(3, '\0');            // gain, mapping family
    return h;
}

// A 20 ms CELT packet (config 31, one frame) of `n` bytes.
std::string packet20ms(std::size_t n, char fill = 'x') { return std::string(1, char(0xF8)) + std::string(n - 1, fill); }

std::string simpleBlock(int track, const std::string& packet, char flags = '\x80') {
    return el(0xA3, std::string(1, char(0x80 | track)) + std::string("\0\0", 2) + flags + packet);
}

// What Chromium writes: EBML header, a Segment of unknown size, Info, Tracks (a video-less Opus track),
// clusters of unknown size with SimpleBlocks.
std::string webm(const std::vector<std::string>& packets, const std::string& codec = "A_OPUS", const std::string& priv = opusHead()) {
    std::string w = el(0x1A45DFA3, el(0x4282, "webm"));
    w += id(0x18538067) + kUnknown;
    w += el(0x1549A966, el(0x2AD7B1, std::string("\x0F\x42\x40", 3)));
    w += el(0x1654AE6B, el(0xAE, el(0xD7, "\x01") + el(0x86, codec) + el(0x63A2, priv) + el(0xE1, el(0x9F, "\x01"))));
    for (std::size_t i = 0; i < packets.size(); ++i) {
        if (i % 3 == 0) w += id(0x1F43B675) + kUnknown + el(0xE7, std::string(1, char(i)));
        w += simpleBlock(1, packets[i]);
    }
    return w;
}

struct Page {
    std::uint8_t flags;
    std::uint64_t granule;
    std::uint32_t sequence;
    std::vector<std::string> packets;
};

std::uint64_t le(const std::string& b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | std::uint8_t(b[at + i]);
    return v;
}

std::vector<Page> pages(const std::string& ogg) {
    std::vector<Page> out;
    std::size_t at = 0;
    while (at + 27 <= ogg.size()) {
        EXPECT_EQ(ogg.substr(at, 4), "OggS");
        Page p{std::uint8_t(ogg[at + 5]), le(ogg, at + 6, 8), std::uint32_t(le(ogg, at + 18, 4)), {}};
        const std::size_t n = std::uint8_t(ogg[at + 26]);
        std::size_t data = at + 27 + n;
        std::string current;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t len = std::uint8_t(ogg[at + 27 + i]);
            current += ogg.substr(data, len);
            data += len;
            if (len < 255) p.packets.push_back(std::move(current)), current.clear();
        }
        out.push_back(p);
        at = data;
    }
    EXPECT_EQ(at, ogg.size());
    return out;
}

TEST(OggOpus, OpusPacketDurationsFromTheTocByte) {
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0xF8))), 960);              // CELT 20 ms
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0x80))), 120);              // CELT 2.5 ms
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0x18))), 2880);             // SILK 60 ms
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0x60))), 480);              // hybrid 10 ms
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0xF9))), 1920);             // two frames
    EXPECT_EQ(media::opusPacketSamples(std::string("\xFB\x03", 2)), 2880);             // code 3: 3 frames
    EXPECT_EQ(media::opusPacketSamples(std::string("\x1B\x03", 2)), 0);                // 180 ms: too long
    EXPECT_EQ(media::opusPacketSamples(std::string(1, char(0xFB))), 0);                // code 3 without count
    EXPECT_EQ(media::opusPacketSamples(""), 0);
}

TEST(OggOpus, RemuxesARecorderWebmIntoOggPages) {
    std::vector<std::string> packets;
    for (int i = 0; i < 120; ++i) packets.push_back(packet20ms(40 + i * 3, char('a' + i % 26)));  // 2.4 s
    packets.push_back(packet20ms(600));  // a packet over 255 bytes: several lacing values
    auto ogg = media::webmToOggOpus(webm(packets), 0x1234);
    ASSERT_TRUE(ogg) << ogg.error().code;
    const auto ps = pages(ogg->bytes);
    ASSERT_GE(ps.size(), 5u);
    EXPECT_EQ(ps[0].flags, 0x02);  // beginning of stream
    ASSERT_EQ(ps[0].packets.size(), 1u);
    EXPECT_EQ(ps[0].packets[0], opusHead());
    EXPECT_EQ(ps[1].packets.at(0).substr(0, 8), "OpusTags");
    EXPECT_EQ(ps[0].granule, 0u);
    EXPECT_EQ(ps[1].granule, 0u);
    std::vector<std::string> back;
    std::uint64_t samples = 0;
    for (std::size_t i = 2; i < ps.size(); ++i) {
        EXPECT_EQ(ps[i].sequence, i);
        EXPECT_LE(ps[i].packets.size(), 51u);  // about a second per page
        for (auto& p : ps[i].packets) samples += 960, back.push_back(p);
        EXPECT_EQ(ps[i].granule, samples) << "page " << i;
        EXPECT_EQ(ps[i].flags, i + 1 == ps.size() ? 0x04 : 0x00);
    }
    EXPECT_EQ(back, packets);  // unchanged, in order
    EXPECT_EQ(ogg->durationMs, (121 * 960 - 312) / 48);  // after the pre-skip
}

// Ogg's CRC, bit by bit (poly 0x04C11DB7, init 0, unreflected, no final xor): CRC-32/POSIX (cksum)
// without its final inversion, so "123456789" gives ~0x765E7680.
std::uint32_t bitwiseCrc(const std::string& s) {
    std::uint32_t crc = 0;
    for (char c : s) {
        crc ^= std::uint32_t(std::uint8_t(c)) << 24;
        for (int k = 0; k < 8; ++k) crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
    }
    return crc;
}

TEST(OggOpus, PagesCarryOggChecksums) {
    ASSERT_EQ(bitwiseCrc("123456789"), ~0x765E7680u);
    auto ogg = media::webmToOggOpus(webm({packet20ms(50), packet20ms(60)}), 7);
    ASSERT_TRUE(ogg);
    const std::string& bytes = ogg->bytes;
    std::size_t at = 0, count = 0;
    while (at < bytes.size()) {
        const std::size_t n = std::uint8_t(bytes[at + 26]);
        std::size_t len = 27 + n;
        for (std::size_t i = 0; i < n; ++i) len += std::uint8_t(bytes[at + 27 + i]);
        std::string page = bytes.substr(at, len);
        const auto stored = std::uint32_t(le(page, 22, 4));
        page.replace(22, 4, std::string(4, '\0'));
        EXPECT_EQ(stored, bitwiseCrc(page)) << "page " << count;
        EXPECT_EQ(le(page, 14, 4), 7u);  // serial
        at += len;
        ++count;
    }
    EXPECT_EQ(count, 3u);
}

TEST(OggOpus, KnownSizeSegmentsBlockGroupsAndOtherTracks) {
    std::string tracks = el(0x1654AE6B, el(0xAE, el(0xD7, "\x01") + el(0x86, "V_VP8")) +
                                            el(0xAE, el(0xD7, "\x02") + el(0x86, "A_OPUS") + el(0x63A2, opusHead(0))));
    std::string cluster = el(0xE7, "\x00") + simpleBlock(1, "video!") + el(0xA0, el(0xA1, std::string("\x82\0\0\0", 4) + packet20ms(30))) +
                          el(0xEC, std::string(10, '\0')) + simpleBlock(2, packet20ms(31));
    std::string w = el(0x1A45DFA3, "") + el(0x18538067, tracks + el(0x1F43B675, cluster));
    auto s = media::opusFromWebm(w);
    ASSERT_TRUE(s) << s.error().code;
    ASSERT_EQ(s->packets.size(), 2u);
    EXPECT_EQ(s->packets[0], packet20ms(30));
    EXPECT_EQ(s->packets[1], packet20ms(31));
    EXPECT_EQ(s->head, opusHead(0));
}

TEST(OggOpus, ARecordingCutShortKeepsWhatCameBefore) {
    std::string w = webm({packet20ms(50), packet20ms(50), packet20ms(50)});
    w.resize(w.size() - 10);  // the last block is partial
    auto s = media::opusFromWebm(w);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->packets.size(), 2u);
}

TEST(OggOpus, BadInputIsAnError) {
    EXPECT_EQ(media::opusFromWebm("").error().code, "webm-no-opus");
    EXPECT_EQ(media::opusFromWebm(std::string(1, '\0')).error().code, "webm-malformed");
    EXPECT_EQ(media::opusFromWebm("<html>").error().code, "webm-malformed");
    EXPECT_EQ(media::opusFromWebm(webm({packet20ms(20)}, "A_VORBIS")).error().code, "webm-no-opus");
    EXPECT_EQ(media::opusFromWebm(webm({packet20ms(20)}, "A_OPUS", "OpusHea")).error().code, "webm-no-opus");
    EXPECT_EQ(media::opusFromWebm(webm({})).error().code, "opus-empty");
    EXPECT_EQ(media::opusFromWebm(webm({std::string("\xFB", 1)})).error().code, "webm-malformed");
    std::string laced = webm({packet20ms(20)});
    laced.replace(laced.size() - 21, 1, "\x82");  // the flags byte: Xiph lacing
    EXPECT_EQ(media::opusFromWebm(laced).error().code, "webm-lacing");
    // A known-size element that runs past the end (not a block) is malformed.
    EXPECT_EQ(media::opusFromWebm(el(0x1A45DFA3, "") + id(0x1549A966) + size(1000) + "x").error().code, "webm-malformed");
    // Every prefix of a valid file is handled without a crash.
    const std::string good = webm({packet20ms(50), packet20ms(70), packet20ms(90)});
    for (std::size_t n = 0; n < good.size(); ++n) (void)media::opusFromWebm(good.substr(0, n));
    const std::string head = opusHead();
    EXPECT_EQ(media::oggOpus({head, {}}, 1).error().code, "opus-empty");
    EXPECT_EQ(media::oggOpus({"OpusHead", {"x"}}, 1).error().code, "opus-head");
}

}  // namespace
}  // namespace starling
