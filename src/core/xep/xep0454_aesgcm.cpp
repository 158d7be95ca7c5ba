#include "core/xep/xep0454_aesgcm.h"

#include <mbedtls/gcm.h>

#include "core/util/strings.h"

namespace starling::xep {
namespace {

// Owns one mbedtls_gcm_context.
class Gcm {
public:
    Gcm() { mbedtls_gcm_init(&m_ctx); }
    ~Gcm() { mbedtls_gcm_free(&m_ctx); }
    Gcm(const Gcm&) = delete;
    Gcm& operator=(const Gcm&) = delete;
    mbedtls_gcm_context* get() { return &m_ctx; }

private:
    mbedtls_gcm_context m_ctx;
};

bool validSizes(const crypto::Bytes& iv, const crypto::Bytes& key) {
    return key.size() == 32 && (iv.size() == 12 || iv.size() == 16);
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

const unsigned char* bytesOf(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

bool hexDecode(std::string_view hex, crypto::Bytes& out) {
    if (hex.size() % 2) return false;
    out.clear();
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = util::hexValue(hex[i]);
        const int lo = util::hexValue(hex[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return true;
}

}  // namespace

std::optional<std::string> formatAesGcmLink(std::string_view getUrl, const crypto::Bytes& iv, const crypto::Bytes& key) {
    if (!validSizes(iv, key)) return std::nullopt;
    std::string_view rest;
    if (getUrl.starts_with("https://")) rest = getUrl.substr(8);
    else if (getUrl.starts_with("http://")) rest = getUrl.substr(7);
    else return std::nullopt;
    if (rest.empty() || rest.find('#') != std::string_view::npos) return std::nullopt;
    return "aesgcm://" + std::string(rest) + "#" + crypto::hexEncode(iv) + crypto::hexEncode(key);
}

std::optional<AesGcmLink> parseAesGcmLink(std::string_view text, std::string_view scheme) {
    constexpr std::string_view kPrefix = "aesgcm://";
    if (text.size() < kPrefix.size() || !startsWithNoCase(text, kPrefix)) return std::nullopt;
    for (char c : text)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;  // one URL, no spaces
    const std::size_t hash = text.rfind('#');
    if (hash == std::string_view::npos) return std::nullopt;
    const std::string_view fragment = text.substr(hash + 1);
    const std::string_view rest = text.substr(kPrefix.size(), hash - kPrefix.size());
    if (rest.empty() || rest.front() == '/' || rest.find('#') != std::string_view::npos) return std::nullopt;
    if (fragment.size() != 88 && fragment.size() != 96) return std::nullopt;
    crypto::Bytes all;
    if (!hexDecode(fragment, all)) return std::nullopt;
    AesGcmLink link;
    const std::size_t ivSize = all.size() - 32;
    link.iv.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(ivSize));
    link.key.assign(all.begin() + static_cast<std::ptrdiff_t>(ivSize), all.end());
    crypto::secureZero(all.data(), all.size());
    link.httpsUrl = std::string(scheme) + "://" + std::string(rest);
    return link;
}

std::optional<std::string_view> aesGcmLinkInBody(std::string_view body) {
    const std::size_t nl = body.find('\n');
    const std::string_view link = body.substr(0, nl);
    if (nl != std::string_view::npos) {
        const std::string_view thumb = body.substr(nl + 1);
        if (!thumb.starts_with("data:image/") || thumb.find_first_of(" \n\r\t") != std::string_view::npos)
            return std::nullopt;
    }
    if (!parseAesGcmLink(link)) return std::nullopt;
    return link;
}

Result<std::string> aesGcmEncrypt(std::string_view plain, const crypto::Bytes& iv, const crypto::Bytes& key) {
    if (!validSizes(iv, key)) return makeError("aesgcm-key", "key must be 32 bytes, IV 12 or 16");
    Gcm gcm;
    if (mbedtls_gcm_setkey(gcm.get(), MBEDTLS_CIPHER_ID_AES, key.data(), 256) != 0)
        return makeError("aesgcm-key", "setkey failed");
    std::string out(plain.size() + kAesGcmTagSize, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (mbedtls_gcm_crypt_and_tag(gcm.get(), MBEDTLS_GCM_ENCRYPT, plain.size(), iv.data(), iv.size(), nullptr, 0,
                                  bytesOf(plain), o, kAesGcmTagSize, o + plain.size()) != 0)
        return makeError("aesgcm-encrypt", "encryption failed");
    return out;
}

Result<std::string> aesGcmDecrypt(std::string_view data, const crypto::Bytes& iv, const crypto::Bytes& key) {
    if (!validSizes(iv, key)) return makeError("aesgcm-key", "key must be 32 bytes, IV 12 or 16");
    if (data.size() < kAesGcmTagSize) return makeError("aesgcm-short", "shorter than the tag");
    Gcm gcm;
    if (mbedtls_gcm_setkey(gcm.get(), MBEDTLS_CIPHER_ID_AES, key.data(), 256) != 0)
        return makeError("aesgcm-key", "setkey failed");
    const std::size_t n = data.size() - kAesGcmTagSize;
    std::string out(n, '\0');
    if (mbedtls_gcm_auth_decrypt(gcm.get(), n, iv.data(), iv.size(), nullptr, 0, bytesOf(data.substr(n)),
                                 kAesGcmTagSize, bytesOf(data), reinterpret_cast<unsigned char*>(out.data())) != 0) {
        crypto::secureZero(out.data(), out.size());
        return makeError("aesgcm-tag", "the file's authentication tag does not match");
    }
    return out;
}

}  // namespace starling::xep
