#include "core/media/ogg_opus.h"

#include <array>
#include <optional>

namespace starling::media {
namespace {

// Matroska element IDs (with their length marker bits, as written).
constexpr std::uint32_t kSegment = 0x18538067, kCluster = 0x1F43B675, kBlockGroup = 0xA0, kTracks = 0x1654AE6B,
                        kTrackEntry = 0xAE, kTrackNumber = 0xD7, kCodecId = 0x86, kCodecPrivate = 0x63A2,
                        kSimpleBlock = 0xA3, kBlock = 0xA1;
constexpr std::uint64_t kUnknownSize = ~0ull;
constexpr std::size_t kMaxPacket = 255 * 255 - 1;  // what one page's lacing can describe
constexpr int kPageSamples = 48000;                // about a second of audio per page

struct Reader {
    std::string_view b;
    std::size_t at = 0;
    bool failed = false;

    std::uint8_t byte() {
        if (at >= b.size()) { failed = true; return 0; }
        return std::uint8_t(b[at++]);
    }
    // An EBML variable-length integer: `keepMarker` for IDs; all value bits set = unknown (sizes).
    std::uint64_t vint(bool keepMarker) {
        const std::uint8_t first = byte();
        int len = 1;
        while (len <= 8 && !(first & (0x80 >> (len - 1)))) ++len;
        if (failed || len > 8 || (keepMarker && len > 4)) { failed = true; return 0; }
        std::uint64_t v = keepMarker ? first : first & (0xFF >> len);
        bool allOnes = v == (0xFFull >> len);
        for (int i = 1; i < len; ++i) {
            const std::uint8_t x = byte();
            allOnes = allOnes && x == 0xFF;
            v = (v << 8) | x;
        }
        return !keepMarker && allOnes ? kUnknownSize : v;
    }
};

struct Track {
    std::uint64_t number = 0;
    std::string codec, priv;
};

std::uint64_t uintOf(std::string_view d) {
    std::uint64_t v = 0;
    for (char c : d.substr(0, 8)) v = (v << 8) | std::uint8_t(c);
    return v;
}

Track trackEntry(std::string_view body, bool& failed) {
    Track t;
    Reader r{body};
    while (r.at < body.size() && !r.failed) {
        const std::uint64_t id = r.vint(true), size = r.vint(false);
        if (r.failed || size > body.size() - r.at) { failed = true; break; }
        const std::string_view d = body.substr(r.at, size);
        if (id == kTrackNumber) t.number = uintOf(d);
        else if (id == kCodecId) t.codec = std::string(d);
        else if (id == kCodecPrivate) t.priv = std::string(d);
        r.at += size;
    }
    return t;
}

struct Block {
    std::uint64_t track;
    std::string_view data;
};

std::optional<Block> blockOf(std::string_view d, bool& laced) {
    Reader r{d};
    const std::uint64_t track = r.vint(false);
    r.at += 3;  // 16-bit relative timecode, flags
    if (r.failed || r.at > d.size()) return std::nullopt;
    if (std::uint8_t(d[r.at - 1]) & 0x06) { laced = true; return std::nullopt; }
    return Block{track, d.substr(r.at)};
}

void le(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += char(v >> (8 * i));
}

std::uint64_t leAt(std::string_view b, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | std::uint8_t(b[at + i]);
    return v;
}

// Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0 (RFC 3533 §6).
std::uint32_t oggCrc(std::string_view page) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t r = i << 24;
            for (int k = 0; k < 8; ++k) r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : r << 1;
            t[i] = r;
        }
        return t;
    }();
    std::uint32_t crc = 0;
    for (char c : page) crc = (crc << 8) ^ table[((crc >> 24) ^ std::uint8_t(c)) & 0xFF];
    return crc;
}

class PageWriter {
public:
    PageWriter(std::string& out, std::uint32_t serial) : m_out(out), m_serial(serial) {}
    void page(const std::vector<std::string_view>& packets, std::uint64_t granule, std::uint8_t flags) {
        std::string p = "OggS";
        p += '\0';
        p += char(flags);
        le(p, granule, 8);
        le(p, m_serial, 4);
        le(p, m_sequence++, 4);
        le(p, 0, 4);  // CRC, filled below
        std::string lacing;
        for (std::string_view packet : packets) {
            lacing.append(packet.size() / 255, char(255));
            lacing += char(packet.size() % 255);
        }
        p += char(lacing.size());
        p += lacing;
        for (std::string_view packet : packets) p += packet;
        const std::uint32_t crc = oggCrc(p);
        for (int i = 0; i < 4; ++i) p[22 + i] = char(crc >> (8 * i));
        m_out += p;
    }

private:
    std::string& m_out;
    std::uint32_t m_serial;
    std::uint32_t m_sequence = 0;
};

std::size_t lacingOf(std::size_t size) { return size / 255 + 1; }

}  // namespace

Result<OpusStream> opusFromWebm(std::string_view webm) {
    Reader r{webm};
    std::vector<Track> tracks;
    std::vector<Block> blocks;
    bool laced = false;
    // Segment, Cluster and BlockGroup are stepped into (their size may be unknown: MediaRecorder streams);
    // Tracks are read whole; everything else is skipped by its size.
    while (r.at < webm.size()) {
        const std::uint64_t id = r.vint(true), size = r.vint(false);
        if (r.failed) return makeError("webm-malformed", "bad element header");
        if (id == kSegment || id == kCluster || id == kBlockGroup) continue;
        if (size == kUnknownSize || size > webm.size() - r.at) {
            // A recording cut short ends in a partial element: what came before it is kept.
            if (size != kUnknownSize && (id == kSimpleBlock || id == kBlock)) break;
            return makeError("webm-malformed", "element size");
        }
        const std::string_view d = webm.substr(r.at, size);
        r.at += size;
        if (id == kTracks) {
            Reader t{d};
            bool failed = false;
            while (t.at < d.size() && !t.failed && !failed) {
                const std::uint64_t tid = t.vint(true), tsize = t.vint(false);
                if (t.failed || tsize > d.size() - t.at) { failed = true; break; }
                if (tid == kTrackEntry) tracks.push_back(trackEntry(d.substr(t.at, tsize), failed));
                t.at += tsize;
            }
            if (failed || t.failed) return makeError("webm-malformed", "tracks");
        } else if (id == kSimpleBlock || id == kBlock) {
            if (auto b = blockOf(d, laced)) blocks.push_back(*b);
            else if (laced) return makeError("webm-lacing", "laced blocks are not written by recorders");
            else return makeError("webm-malformed", "block");
        }
    }
    const Track* opus = nullptr;
    for (const Track& t : tracks)
        if (t.codec == "A_OPUS") { opus = &t; break; }
    if (!opus) return makeError("webm-no-opus", "no Opus track");
    if (opus->priv.size() < 19 || opus->priv.compare(0, 8, "OpusHead") != 0) return makeError("webm-no-opus", "no OpusHead");
    OpusStream s;
    s.head = opus->priv;
    for (const Block& b : blocks) {
        if (b.track != opus->number) continue;
        if (b.data.empty() || b.data.size() > kMaxPacket || opusPacketSamples(b.data) == 0)
            return makeError("webm-malformed", "Opus packet");
        s.packets.emplace_back(b.data);
    }
    if (s.packets.empty()) return makeError("opus-empty", "no audio");
    return s;
}

int opusPacketSamples(std::string_view p) {
    if (p.empty()) return 0;
    const int toc = std::uint8_t(p[0]), config = toc >> 3;
    int frame;
    if (config < 12) frame = std::array<int, 4>{480, 960, 1920, 2880}[config % 4];  // SILK: 10–60 ms
    else if (config < 16) frame = config % 2 ? 960 : 480;                            // hybrid: 10, 20 ms
    else frame = 120 << (config % 4);                                                // CELT: 2.5–20 ms
    int frames;
    switch (toc & 3) {
        case 0: frames = 1; break;
        case 3:
            if (p.size() < 2) return 0;
            frames = std::uint8_t(p[1]) & 0x3F;
            break;
        default: frames = 2;
    }
    const int samples = frames * frame;
    return samples > 0 && samples <= 5760 ? samples : 0;  // at most 120 ms per packet
}

Result<std::string> oggOpus(const OpusStream& s, std::uint32_t serial) {
    if (s.head.size() < 19 || s.head.compare(0, 8, "OpusHead") != 0) return makeError("opus-head", "no OpusHead");
    if (s.packets.empty()) return makeError("opus-empty", "no audio");
    std::string out;
    PageWriter w(out, serial);
    w.page({s.head}, 0, 0x02);  // beginning of stream
    std::string tags = "OpusTags";
    const std::string_view vendor = "Starling";
    le(tags, vendor.size(), 4);
    tags += vendor;
    le(tags, 0, 4);  // no user comments
    w.page({tags}, 0, 0);
    std::uint64_t granule = 0;
    std::vector<std::string_view> page;
    std::size_t lacing = 0;
    int pageSamples = 0;
    for (std::size_t i = 0; i < s.packets.size(); ++i) {
        const std::string& p = s.packets[i];
        const int n = opusPacketSamples(p);
        if (n == 0 || p.size() > kMaxPacket) return makeError("opus-packet", "malformed packet " + std::to_string(i));
        if (!page.empty() && (lacing + lacingOf(p.size()) > 255 || pageSamples >= kPageSamples)) {
            w.page(page, granule, 0);
            page.clear();
            lacing = 0;
            pageSamples = 0;
        }
        page.push_back(p);
        lacing += lacingOf(p.size());
        pageSamples += n;
        granule += static_cast<std::uint64_t>(n);
    }
    w.page(page, granule, 0x04);  // end of stream
    return out;
}

Result<std::int64_t> oggOpusDurationMs(std::string_view ogg) {
    std::size_t at = 0;
    std::uint64_t last = 0;
    int preSkip = -1;
    while (at < ogg.size()) {
        if (ogg.size() - at < 27 || ogg.compare(at, 4, "OggS") != 0) return makeError("ogg-malformed", "page header");
        const std::size_t segments = std::uint8_t(ogg[at + 26]);
        if (ogg.size() - at < 27 + segments) return makeError("ogg-malformed", "lacing");
        std::size_t body = 0;
        for (std::size_t i = 0; i < segments; ++i) body += std::uint8_t(ogg[at + 27 + i]);
        const std::size_t size = 27 + segments + body;
        if (ogg.size() - at < size) return makeError("ogg-malformed", "page body");
        std::string page(ogg.substr(at, size));
        const std::uint32_t crc = static_cast<std::uint32_t>(leAt(page, 22, 4));
        for (int i = 0; i < 4; ++i) page[22 + i] = 0;
        if (oggCrc(page) != crc) return makeError("ogg-crc", "page checksum");
        const std::string_view data = std::string_view(ogg).substr(at + 27 + segments, body);
        if (preSkip < 0) {
            if (data.size() < 19 || data.compare(0, 8, "OpusHead") != 0) return makeError("ogg-no-opus", "no OpusHead");
            preSkip = static_cast<int>(leAt(data, 10, 2));
        }
        last = leAt(ogg, at + 6, 8);
        at += size;
    }
    if (preSkip < 0) return makeError("ogg-malformed", "empty");
    const std::int64_t samples = static_cast<std::int64_t>(last) - preSkip;
    return samples > 0 ? samples / 48 : 0;
}

Result<std::string> webmToOggOpus(std::string_view webm, std::uint32_t serial) {
    auto stream = opusFromWebm(webm);
    if (!stream) return stream.error();
    return oggOpus(*stream, serial);
}

}  // namespace starling::media
