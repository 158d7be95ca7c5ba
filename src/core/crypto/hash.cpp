#include "core/crypto/hash.h"

#include <mbedtls/base64.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

namespace starling::crypto {
namespace {

const mbedtls_md_info_t* mdInfo(HashAlgo algo) {
    return mbedtls_md_info_from_type(algo == HashAlgo::Sha1 ? MBEDTLS_MD_SHA1 : MBEDTLS_MD_SHA256);
}

const unsigned char* bytesOf(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

// Owns an mbedtls_md_context_t for the duration of one operation.
class MdContext {
public:
    MdContext() { mbedtls_md_init(&m_ctx); }
    ~MdContext() { mbedtls_md_free(&m_ctx); }
    MdContext(const MdContext&) = delete;
    MdContext& operator=(const MdContext&) = delete;
    mbedtls_md_context_t* get() { return &m_ctx; }

private:
    mbedtls_md_context_t m_ctx;
};

bool isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

std::size_t digestSize(HashAlgo algo) { return mbedtls_md_get_size(mdInfo(algo)); }

Bytes hash(HashAlgo algo, std::string_view data) {
    Bytes out(digestSize(algo));
    mbedtls_md(mdInfo(algo), bytesOf(data), data.size(), out.data());
    return out;
}

Bytes hmac(HashAlgo algo, const Bytes& key, std::string_view data) {
    Bytes out(digestSize(algo));
    mbedtls_md_hmac(mdInfo(algo), key.data(), key.size(), bytesOf(data), data.size(), out.data());
    return out;
}

Bytes pbkdf2(HashAlgo algo, std::string_view password, const Bytes& salt, std::uint32_t iterations) {
    Bytes out(digestSize(algo));
    MdContext ctx;
    if (iterations == 0 || mbedtls_md_setup(ctx.get(), mdInfo(algo), 1) != 0 ||
        mbedtls_pkcs5_pbkdf2_hmac(ctx.get(), bytesOf(password), password.size(), salt.data(), salt.size(),
                                  iterations, static_cast<std::uint32_t>(out.size()), out.data()) != 0) {
        return {};
    }
    return out;
}

std::string base64Encode(const Bytes& data) {
    std::size_t needed = 0;
    mbedtls_base64_encode(nullptr, 0, &needed, data.data(), data.size());  // needed includes the NUL
    std::string out(needed, '\0');
    std::size_t written = 0;
    mbedtls_base64_encode(reinterpret_cast<unsigned char*>(out.data()), out.size(), &written, data.data(),
                          data.size());
    out.resize(written);
    return out;
}

bool base64Decode(std::string_view text, Bytes& out) {
    // Strict RFC 4648 form: padded, no whitespace (mbedTLS alone would accept line breaks).
    if (text.size() % 4 != 0) return false;
    std::size_t pad = 0;
    while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
    for (std::size_t i = 0; i + pad < text.size(); ++i) {
        if (!isBase64Char(text[i])) return false;
    }
    std::size_t needed = 0;
    int rc = mbedtls_base64_decode(nullptr, 0, &needed, bytesOf(text), text.size());
    if (rc != 0 && rc != MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL) return false;
    Bytes decoded(needed);
    std::size_t written = 0;
    if (mbedtls_base64_decode(decoded.data(), decoded.size(), &written, bytesOf(text), text.size()) != 0) {
        return false;
    }
    decoded.resize(written);
    out = std::move(decoded);
    return true;
}

std::string hexEncode(const Bytes& data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (std::uint8_t b : data) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

void secureZero(void* p, std::size_t n) { mbedtls_platform_zeroize(p, n); }

}  // namespace starling::crypto
