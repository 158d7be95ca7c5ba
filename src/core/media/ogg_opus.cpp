#include "core/media/ogg_opus.h"

#include <algorithm>
#include <array>

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
    // The payload of the element whose header was just read; false when it runs past the end.
    bool payload(std::uint64_t size, std::string_view& out) {
        if (failed || size > b.size() - at) return false;
        out = b.substr(at, size);
        at += size;
        return true;
    }
};

// The Opus track's number and OpusHead from a Tracks element (number 0: none).
std::uint64_t opusTrack(std::string_view tracks, std::string_view& head, bool& failed) {
    Reader t{tracks};
    while (t.at < tracks.size()) {
        std::string_view entry;
        const std::uint64_t id = t.vint(true);
        if (!t.payload(t.vint(false), entry)) { failed = true; return 0; }
        if (id != kTrackEntry) continue;
        Reader e{entry};
        std::uint64_t number = 0;
        std::string_view codec, priv;
        while (e.at < entry.size()) {
            std::string_view d;
            const std::uint64_t eid = e.vint(true);
            if (!e.payload(e.vint(false), d)) { failed = true; return 0; }
            if (eid == kTrackNumber) for (char c : d.substr(0, 8)) number = (number << 8) | std::uint8_t(c);
            else if (eid == kCodecId) codec = d;
            else if (eid == kCodecPrivate) priv = d;
        }
        if (codec == "A_OPUS") {
            head = priv;
            return number;
        }
    }
    return 0;
}

void le(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += char(v >> (8 * i));
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
    void page(const std::string_view* packets, std::size_t count, std::uint64_t granule, std::uint8_t flags) {
        std::string p = "OggS";
        p += '\0';
        p += char(flags);
        le(p, granule, 8);
        le(p, m_serial, 4);
        le(p, m_sequence++, 4);
        le(p, 0, 4);  // CRC, filled below
        std::string lacing;
        for (std::size_t i = 0; i < count; ++i) {
            lacing.append(packets[i].size() / 255, char(255));
            lacing += char(packets[i].size() % 255);
        }
        p += char(lacing.size());
        p += lacing;
        for (std::size_t i = 0; i < count; ++i) p += packets[i];
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

bool isOpusHead(std::string_view head) { return head.size() >= 19 && head.substr(0, 8) == "OpusHead"; }

}  // namespace

Result<OpusStream> opusFromWebm(std::string_view webm) {
    Reader r{webm};
    OpusStream s;
    std::uint64_t track = 0;
    bool failed = false;
    // Segment, Cluster and BlockGroup are stepped into (their size may be unknown: MediaRecorder streams);
    // Tracks are read whole (they come before the clusters); everything else is skipped by its size.
    while (r.at < webm.size()) {
        const std::uint64_t id = r.vint(true), size = r.vint(false);
        if (r.failed) return makeError("webm-malformed");
        if (id == kSegment || id == kCluster || id == kBlockGroup) continue;
        std::string_view d;
        if (!r.payload(size, d)) {
            // A recording cut short ends in a partial block: what came before it is kept.
            if (size != kUnknownSize && (id == kSimpleBlock || id == kBlock)) break;
            return makeError("webm-malformed");
        }
        if (id == kTracks && !track) {
            track = opusTrack(d, s.head, failed);
            if (failed) return makeError("webm-malformed");
        } else if ((id == kSimpleBlock || id == kBlock) && track) {
            Reader b{d};
            const std::uint64_t number = b.vint(false);
            b.at += 3;  // 16-bit relative timecode, flags
            if (b.failed || b.at > d.size()) return makeError("webm-malformed");
            if (std::uint8_t(d[b.at - 1]) & 0x06) return makeError("webm-lacing");  // recorders write none
            const std::string_view packet = d.substr(b.at);
            if (number != track) continue;
            if (packet.size() > kMaxPacket || opusPacketSamples(packet) == 0) return makeError("webm-malformed");
            s.packets.push_back(packet);
        }
    }
    if (!track || !isOpusHead(s.head)) return makeError("webm-no-opus");
    if (s.packets.empty()) return makeError("opus-empty");
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

Result<OggOpus> oggOpus(const OpusStream& s, std::uint32_t serial) {
    if (!isOpusHead(s.head)) return makeError("opus-head");
    if (s.packets.empty()) return makeError("opus-empty");
    OggOpus out;
    PageWriter w(out.bytes, serial);
    w.page(&s.head, 1, 0, 0x02);  // beginning of stream
    std::string tags = "OpusTags";
    const std::string_view vendor = "Starling";
    le(tags, vendor.size(), 4);
    tags += vendor;
    le(tags, 0, 4);  // no user comments
    const std::string_view tagsView = tags;
    w.page(&tagsView, 1, 0, 0);
    std::uint64_t granule = 0;
    std::size_t first = 0, lacing = 0;
    int pageSamples = 0;
    for (std::size_t i = 0; i < s.packets.size(); ++i) {
        const std::string_view p = s.packets[i];
        const int n = opusPacketSamples(p);
        if (n == 0 || p.size() > kMaxPacket) return makeError("opus-packet");
        if (i > first && (lacing + lacingOf(p.size()) > 255 || pageSamples >= kPageSamples)) {
            w.page(&s.packets[first], i - first, granule, 0);
            first = i;
            lacing = 0;
            pageSamples = 0;
        }
        lacing += lacingOf(p.size());
        pageSamples += n;
        granule += static_cast<std::uint64_t>(n);
    }
    w.page(&s.packets[first], s.packets.size() - first, granule, 0x04);  // end of stream
    const int preSkip = std::uint8_t(s.head[10]) | (std::uint8_t(s.head[11]) << 8);
    out.durationMs = std::max<std::int64_t>(0, static_cast<std::int64_t>(granule) - preSkip) / 48;
    return out;
}

Result<OggOpus> webmToOggOpus(std::string_view webm, std::uint32_t serial) {
    auto stream = opusFromWebm(webm);
    if (!stream) return stream.error();
    return oggOpus(*stream, serial);
}

}  // namespace starling::media
