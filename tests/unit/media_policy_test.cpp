// The safety rules for shared files (core/media/media_policy.h): picture sizes read from headers before
// any decoding (PNG, JPEG, GIF, WebP; over 40 megapixels refused), active content (SVG, HTML) never a
// picture whatever its declared type, saved names that cannot escape or mislead, who may be fetched
// from without a click, and which upload slots are believable.
#include "core/media/media_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace starling {
namespace {

std::string be32(std::uint32_t v) {
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
std::string png(std::uint32_t w, std::uint32_t h) {
    return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5);
}
std::string jpeg(unsigned w, unsigned h) {
    std::string j("\xFF\xD8", 2);
    j += std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);  // APP0, skipped
    j += std::string("\xFF\xC2\x00\x11\x08", 5) + char(h >> 8) + char(h) + char(w >> 8) + char(w) + std::string(10, '\x01');
    return j;
}
std::string le16(unsigned v) { return {char(v), char(v >> 8)}; }

TEST(MediaPolicy, ReadsPictureSizesFromHeaders) {
    auto p = media::probeImage(png(640, 480));
    EXPECT_EQ(p.format, media::ImageFormat::Png);
    EXPECT_EQ(p.width, 640);
    EXPECT_EQ(p.height, 480);
    p = media::probeImage(jpeg(4000, 3000));
    EXPECT_EQ(p.format, media::ImageFormat::Jpeg);
    EXPECT_EQ(p.width, 4000);
    EXPECT_EQ(p.height, 3000);
    p = media::probeImage("GIF89a" + le16(320) + le16(200) + std::string(8, '\0'));
    EXPECT_EQ(p.format, media::ImageFormat::Gif);
    EXPECT_EQ(p.width, 320);
    std::string webpX = "RIFF" + std::string(4, '\0') + "WEBPVP8X" + std::string(4, '\x0a') + std::string(4, '\0') +
                        std::string("\xff\x0f\x00", 3) + std::string("\x37\x02\x00", 3);  // 4096 x 568
    p = media::probeImage(webpX);
    EXPECT_EQ(p.format, media::ImageFormat::Webp);
    EXPECT_EQ(p.width, 4096);
    EXPECT_EQ(p.height, 568);
}

TEST(MediaPolicy, MalformedOrTruncatedHeadersAreNoPicture) {
    EXPECT_EQ(media::probeImage(png(640, 480).substr(0, 20)).format, media::ImageFormat::None);
    EXPECT_EQ(media::probeImage(png(0, 480)).format, media::ImageFormat::None);
    EXPECT_EQ(media::probeImage(jpeg(100, 100).substr(0, 24)).format, media::ImageFormat::None);
    EXPECT_EQ(media::probeImage(std::string("\xFF\xD8\xFF\xDA\x00\x02", 6)).format, media::ImageFormat::None);
    EXPECT_EQ(media::probeImage("").format, media::ImageFormat::None);
}

TEST(MediaPolicy, PictureOver40MegapixelsIsRefusedFromItsHeader) {
    // 8000 x 6000 = 48 MP: a "decompression bomb" of a few bytes is never handed to a decoder
    auto c = media::classify(png(8000, 6000), "image/png");
    EXPECT_EQ(c.kind, model::AttachmentKind::File);
    EXPECT_EQ(c.error, "image-too-large");
    c = media::classify(jpeg(65000, 65000), "image/jpeg");
    EXPECT_EQ(c.error, "image-too-large");
    c = media::classify(png(7000, 5000), "image/png");  // 35 MP
    EXPECT_EQ(c.kind, model::AttachmentKind::Image);
    EXPECT_TRUE(c.error.empty());
}

TEST(MediaPolicy, ActiveContentIsOnlyEverAFile) {
    const std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)";
    EXPECT_EQ(media::classify(svg, "image/svg+xml").kind, model::AttachmentKind::File);
    EXPECT_EQ(media::classify("<html><script>x()</script></html>", "image/png").kind, model::AttachmentKind::File);
    EXPECT_EQ(media::classify("%PDF-1.7", "image/jpeg").kind, model::AttachmentKind::File);
    // the declared type never makes a picture; the bytes do
    EXPECT_EQ(media::classify(png(10, 10), "text/html").kind, model::AttachmentKind::Image);
}

TEST(MediaPolicy, AudioByTypeOrExtensionAndItsBytes) {
    const std::string ogg = "OggS" + std::string(30, '\0');
    using K = model::AttachmentKind;
    // What other clients send carries no type: the URL's name says audio, the first bytes confirm it.
    for (const char* name : {"voice.ogg", "a.OGA", "b.opus", "c.m4a", "d.mp4", "e.aac", "f.mp3", "g.webm", "h.wav"})
        EXPECT_TRUE(media::audioExtension(name)) << name;
    for (const char* name : {"voice", "ogg", "a.ogg.exe", "b.txt", "c.html", ".mp3x"})
        EXPECT_FALSE(media::audioExtension(name)) << name;
    EXPECT_EQ(media::classify(ogg, "", "voice-1.ogg").kind, K::Audio);
    EXPECT_EQ(media::classify(ogg, "audio/ogg").kind, K::Audio);
    EXPECT_EQ(media::classify(ogg, "", "notes.txt").kind, K::File);  // neither type nor name says audio
    struct Case {
        const char* name;
        std::string bytes;
    } audio[] = {
        {"x.m4a", std::string("\0\0\0 ftypM4A \0\0\0\0", 16)},
        {"id3.mp3", "ID3\x04\0\0\0\0\0\0"},
        {"frame.mp3", std::string("\xFF\xFB\x90\x64", 4)},
        {"x.aac", std::string("\xFF\xF1\x50\x80", 4)},
        {"x.webm", std::string("\x1A\x45\xDF\xA3\x9F", 5)},
        {"x.wav", std::string("RIFF\x24\0\0\0WAVEfmt ", 16)},
        {"x.flac", "fLaC\0\0\0\x22"},
    };
    for (const auto& a : audio) EXPECT_EQ(media::classify(a.bytes, "", a.name).kind, K::Audio) << a.name;
    // An HTML page or a picture named like audio is not played.
    EXPECT_EQ(media::classify("<html><script>x()</script></html>", "audio/mpeg", "song.mp3").kind, K::File);
    EXPECT_EQ(media::classify(std::string("\xFF\xD8\xFF\xE0", 4), "", "song.mp3").kind, K::File);
    EXPECT_EQ(media::classify(png(10, 10), "audio/ogg", "v.ogg").kind, K::Image);
}

TEST(MediaPolicy, SavedNamesCannotEscapeOrMislead) {
    struct Case {
        std::string in, out;
    } cases[] = {
        {"cat.png", "cat.png"},
        {"../../etc/passwd", "passwd"},
        {"..\\..\\Windows\\evil.dll", "evil.dll"},
        {"photo.jpg.exe", "photo_jpg.exe"},
        {"a.b.c.tar.gz", "a_b_c_tar.gz"},
        {"invoice\xE2\x80\xAE" "fdp.exe", "invoicefdp.exe"},  // U+202E RIGHT-TO-LEFT OVERRIDE: "invoiceexe.pdf" on screen
        {"x\xE2\x81\xA6y\xE2\x81\xA9.txt", "xy.txt"},        // isolates
        {"tab\there\nnew\x7f.txt", "tabherenew.txt"},
        {"zero\xE2\x80\x8Bwidth.png", "zerowidth.png"},
        {".bashrc", "bashrc"},
        {"name.  ", "name"},
        {"a:b*c?.txt", "a_b_c_.txt"},
        {"CON.txt", "_CON.txt"},
        {"\xC3\xA9t\xC3\xA9.jpg", "\xC3\xA9t\xC3\xA9.jpg"},
        {"bad\xFF" "byte.jpg", "bad\xEF\xBF\xBD" "byte.jpg"},
        {"", "file"},
        {"///", "file"},
        {"....", "file"},
    };
    for (const auto& c : cases) EXPECT_EQ(media::sanitizeFileName(c.in), c.out) << c.in;
    const std::string longName = std::string(300, 'a') + ".jpg";
    const std::string cut = media::sanitizeFileName(longName);
    EXPECT_EQ(cut.size(), 120u);
    EXPECT_TRUE(cut.ends_with(".jpg"));
    std::string cyr;
    for (int i = 0; i < 100; ++i) cyr += "\xD0\xB6";  // ж, two bytes each: cut on a code point
    const std::string cutCyr = media::sanitizeFileName(cyr + ".png");
    EXPECT_LE(cutCyr.size(), 120u);
    EXPECT_EQ((cutCyr.size() - 4) % 2, 0u);
}

TEST(MediaPolicy, FileNameFromUrlIsItsDecodedLastSegment) {
    EXPECT_EQ(media::fileNameFromUrl("https://h.example/4a77/tr%C3%A8s%20cool.jpg"), "très cool.jpg");
    EXPECT_EQ(media::fileNameFromUrl("https://h.example/a/b.png?x=1#frag"), "b.png");
    EXPECT_EQ(media::sanitizeFileName(media::fileNameFromUrl("https://h.example/a/..%2F..%2Fx.sh")), "x.sh");
    EXPECT_EQ(media::fileNameFromUrl("https://h.example"), "");
}

TEST(MediaPolicy, OnlyRosterContactsAndOurselvesAreFetchedWithoutAClick) {
    model::State s;
    s.ownJid = "me@example.org/web";
    s.roster.push_back({"bob@example.org", "Bob", "both", false, {}});
    EXPECT_TRUE(media::fromKnownSender(s, "bob@example.org"));
    EXPECT_TRUE(media::fromKnownSender(s, "me@example.org"));
    EXPECT_FALSE(media::fromKnownSender(s, "mallory@example.org"));
    EXPECT_FALSE(media::fromKnownSender(s, ""));
}

TEST(MediaPolicy, UploadSlotsMustBeOurServicesAndHttpsOnAnHttpsPage) {
    media::SlotContext ctx{true, "upload.example.org", "example.org", "xmpp.example.org"};
    EXPECT_TRUE(media::plausibleSlotUrl("https://upload.example.org/abc/cat.png", ctx));
    EXPECT_TRUE(media::plausibleSlotUrl("https://files.example.org:5281/abc/cat.png", ctx));
    EXPECT_TRUE(media::plausibleSlotUrl("https://xmpp.example.org/abc", ctx));
    EXPECT_FALSE(media::plausibleSlotUrl("http://upload.example.org/abc/cat.png", ctx));  // https page
    EXPECT_FALSE(media::plausibleSlotUrl("https://evil.example/abc/cat.png", ctx));
    EXPECT_FALSE(media::plausibleSlotUrl("https://example.org.evil.example/x", ctx));
    EXPECT_FALSE(media::plausibleSlotUrl("https://evilexample.org/x", ctx));
    EXPECT_FALSE(media::plausibleSlotUrl("https://upload.example.org@evil.example/x", ctx));
    EXPECT_FALSE(media::plausibleSlotUrl("javascript:alert(1)", ctx));
    ctx.pageIsHttps = false;
    EXPECT_TRUE(media::plausibleSlotUrl("http://upload.example.org/abc/cat.png", ctx));
}

}  // namespace
}  // namespace starling
