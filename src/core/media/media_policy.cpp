#include "core/media/media_policy.h"

#include <algorithm>
#include <array>

#include "core/im/jid_util.h"
#include "core/util/strings.h"

namespace starling::media {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
unsigned be16(std::string_view b, std::size_t at) { return (unsigned(std::uint8_t(b[at])) << 8) | std::uint8_t(b[at + 1]); }
unsigned le16(std::string_view b, std::size_t at) { return unsigned(std::uint8_t(b[at])) | (unsigned(std::uint8_t(b[at + 1])) << 8); }
unsigned le24(std::string_view b, std::size_t at) { return le16(b, at) | (unsigned(std::uint8_t(b[at + 2])) << 16); }

ImageProbe make(ImageFormat f, std::uint64_t w, std::uint64_t h) {
    if (w == 0 || h == 0 || w > 1'000'000 || h > 1'000'000) return {};
    return {f, static_cast<int>(w), static_cast<int>(h)};
}

ImageProbe probeJpeg(std::string_view b) {
    std::size_t i = 2;
    while (i + 4 <= b.size()) {
        if (std::uint8_t(b[i]) != 0xFF) return {};
        std::uint8_t marker = std::uint8_t(b[i + 1]);
        if (marker == 0xFF) { ++i; continue; }  // fill byte
        i += 2;
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // no length
        if (marker == 0xD9 || marker == 0xDA) return {};  // end or scan data before any frame header
        const unsigned len = be16(b, i);
        if (len < 2) return {};
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 7 > b.size()) return {};
            return make(ImageFormat::Jpeg, be16(b, i + 5), be16(b, i + 3));
        }
        i += len;
    }
    return {};
}

ImageProbe probeWebp(std::string_view b) {
    if (b.size() < 30) return {};
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ") {
        if (std::uint8_t(b[23]) != 0x9d || std::uint8_t(b[24]) != 0x01 || std::uint8_t(b[25]) != 0x2a) return {};
        return make(ImageFormat::Webp, le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
    }
    if (chunk == "VP8L") {
        if (std::uint8_t(b[20]) != 0x2f) return {};
        const std::uint32_t bits = std::uint32_t(le16(b, 21)) | (std::uint32_t(le16(b, 23)) << 16);
        return make(ImageFormat::Webp, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
    }
    if (chunk == "VP8X") return make(ImageFormat::Webp, std::uint64_t(le24(b, 24)) + 1, std::uint64_t(le24(b, 27)) + 1);
    return {};
}

// One code point of UTF-8 at s[i] (advances i); U+FFFD for a malformed sequence.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto c = std::uint8_t(s[i]);
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0 || i + std::size_t(n) >= s.size()) {
        ++i;
        return n == 0 ? c : 0xFFFD;
    }
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= n; ++k) {
        const auto cc = std::uint8_t(s[i + std::size_t(k)]);
        if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += std::size_t(n) + 1;
    return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
    else { out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
}

// Characters that change how a name reads without being seen: controls, bidi embeddings/overrides/
// isolates and marks, zero-width characters, the BOM, interlinear annotation.
bool invisible(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F);
}

std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return r;
}

}  // namespace

ImageProbe probeImage(std::string_view b) {
    if (b.size() >= 24 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) && b.substr(12, 4) == "IHDR")
        return make(ImageFormat::Png, be32(b, 16), be32(b, 20));
    if (b.size() >= 4 && std::uint8_t(b[0]) == 0xFF && std::uint8_t(b[1]) == 0xD8 && std::uint8_t(b[2]) == 0xFF)
        return probeJpeg(b);
    if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a"))
        return make(ImageFormat::Gif, le16(b, 6), le16(b, 8));
    if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return probeWebp(b);
    return {};
}

Classified classify(std::string_view bytes, std::string_view declaredMime, std::string_view name) {
    Classified c;
    const ImageProbe p = probeImage(bytes);
    if (p.format != ImageFormat::None) {
        c.width = p.width;
        c.height = p.height;
        if (std::uint64_t(p.width) * std::uint64_t(p.height) > kMaxImagePixels) c.error = "image-too-large";
        else c.kind = model::AttachmentKind::Image;
        return c;
    }
    if ((declaredMime.starts_with("audio/") || audioExtension(name)) && probeAudio(bytes)) c.kind = model::AttachmentKind::Audio;
    return c;
}

bool probeAudio(std::string_view b) {
    auto at = [&](std::size_t i) { return i < b.size() ? std::uint8_t(b[i]) : 0; };
    if (b.starts_with("OggS") || b.starts_with("fLaC") || b.starts_with("ID3")) return true;
    if (b.starts_with("\x1A\x45\xDF\xA3")) return true;                      // EBML: WebM, Matroska
    if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return true;                  // MP4, M4A
    if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WAVE") return true;
    if (at(0) == 0xFF && (at(1) & 0xF6) == 0xF0) return true;                     // AAC ADTS sync, layer 0
    return at(0) == 0xFF && (at(1) & 0xE0) == 0xE0 && (at(1) & 0x06) != 0;       // MPEG audio frame, layer I–III
}

bool audioExtension(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return false;
    const std::string ext = lower(name.substr(dot + 1));
    for (const char* e : {"ogg", "oga", "opus", "m4a", "mp4", "aac", "mp3", "webm", "weba", "wav", "flac"})
        if (ext == e) return true;
    return false;
}

std::string sanitizeFileName(std::string_view name) {
    const std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string clean;
    for (std::size_t i = 0; i < name.size();) {
        const char32_t cp = nextCodePoint(name, i);
        if (invisible(cp)) continue;
        if (cp < 0x80 && std::string_view(":*?\"<>|").find(char(cp)) != std::string_view::npos) clean += '_';
        else appendUtf8(clean, cp);
    }
    auto trimmable = [](char c) { return c == ' ' || c == '.'; };
    while (!clean.empty() && trimmable(clean.front())) clean.erase(clean.begin());
    while (!clean.empty() && trimmable(clean.back())) clean.pop_back();
    // Only the last extension stays one: "photo.jpg.exe" must not pass for a picture.
    const std::size_t lastDot = clean.rfind('.');
    if (lastDot != std::string::npos)
        for (std::size_t k = 0; k < lastDot; ++k) if (clean[k] == '.') clean[k] = '_';
    std::string base = lastDot == std::string::npos ? clean : clean.substr(0, lastDot);
    std::string ext = lastDot == std::string::npos ? "" : clean.substr(lastDot);
    if (ext.size() > 16) { base = clean; ext.clear(); for (char& c : base) if (c == '.') c = '_'; }
    static constexpr std::array<std::string_view, 4> kReserved = {"con", "prn", "aux", "nul"};
    const std::string lb = lower(base);
    const bool reserved = std::find(kReserved.begin(), kReserved.end(), lb) != kReserved.end() ||
                          (lb.size() == 4 && (lb.starts_with("com") || lb.starts_with("lpt")) && lb[3] >= '0' && lb[3] <= '9');
    if (reserved) base = "_" + base;
    while (base.size() + ext.size() > 120) {  // cut whole code points off the end of the base
        base.pop_back();
        while (!base.empty() && (std::uint8_t(base.back()) & 0xC0) == 0x80) base.pop_back();
        if (!base.empty() && std::uint8_t(base.back()) >= 0xC0) base.pop_back();
    }
    if (base.empty()) base = "file";
    return base + ext;
}

std::string fileNameFromUrl(std::string_view url) {
    url = url.substr(0, url.find_first_of("#?"));
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) url = url.substr(scheme + 3);
    const std::size_t slash = url.find('/');
    if (slash == std::string_view::npos) return "";
    const std::string_view segment = url.substr(url.rfind('/') + 1);
    std::string out;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '%' && i + 2 < segment.size()) {
            const int hi = util::hexValue(segment[i + 1]);
            const int lo = util::hexValue(segment[i + 2]);
            if (hi >= 0 && lo >= 0) { out += char(hi * 16 + lo); i += 2; continue; }
        }
        out += segment[i];
    }
    return out;
}

std::string urlHost(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return "";
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    const std::size_t at = rest.rfind('@');
    if (at != std::string_view::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') return lower(rest.substr(0, rest.find(']') + 1));
    return lower(rest.substr(0, rest.find(':')));
}

bool fromKnownSender(const model::State& state, std::string_view senderBare) {
    if (senderBare.empty()) return false;
    if (im::normalizedBare(state.ownJid) == senderBare) return true;
    return std::any_of(state.roster.begin(), state.roster.end(), [&](const model::RosterItem& r) { return r.jid == senderBare; });
}

bool plausibleSlotUrl(std::string_view url, const SlotContext& ctx) {
    if (ctx.pageIsHttps && !url.starts_with("https://")) return false;
    if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
    const std::string host = urlHost(url);
    if (host.empty()) return false;
    auto within = [&](std::string domain) {
        domain = lower(domain);
        if (domain.empty()) return false;
        return host == domain || (host.size() > domain.size() && host.ends_with("." + domain));
    };
    return within(ctx.serviceJid) || within(ctx.accountDomain) || (!ctx.connectHost.empty() && host == lower(ctx.connectHost));
}

}  // namespace starling::media
