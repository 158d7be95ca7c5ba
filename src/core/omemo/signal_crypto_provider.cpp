#include "core/omemo/signal_crypto_provider.h"

#include <new>

#include <mbedtls/cipher.h>
#include <mbedtls/md.h>
#include <mbedtls/sha512.h>

namespace starling::omemo {
namespace {

int randomBytes(std::uint8_t* data, std::size_t len, void* userData) {
    static_cast<platform::Random*>(userData)->fill(data, len);
    return 0;
}

// --- HMAC-SHA256 ---

int hmacInit(void** context, const std::uint8_t* key, std::size_t keyLen, void*) {
    auto* ctx = new (std::nothrow) mbedtls_md_context_t;
    if (!ctx) return SG_ERR_NOMEM;
    mbedtls_md_init(ctx);
    if (mbedtls_md_setup(ctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) != 0 ||
        mbedtls_md_hmac_starts(ctx, key, keyLen) != 0) {
        mbedtls_md_free(ctx);
        delete ctx;
        return SG_ERR_UNKNOWN;
    }
    *context = ctx;
    return 0;
}

int hmacUpdate(void* context, const std::uint8_t* data, std::size_t len, void*) {
    return mbedtls_md_hmac_update(static_cast<mbedtls_md_context_t*>(context), data, len) == 0 ? 0 : SG_ERR_UNKNOWN;
}

int hmacFinal(void* context, signal_buffer** output, void*) {
    std::uint8_t mac[32];
    if (mbedtls_md_hmac_finish(static_cast<mbedtls_md_context_t*>(context), mac) != 0) return SG_ERR_UNKNOWN;
    signal_buffer* buffer = signal_buffer_create(mac, sizeof mac);
    if (!buffer) return SG_ERR_NOMEM;
    *output = buffer;
    return 0;
}

void hmacCleanup(void* context, void*) {
    auto* ctx = static_cast<mbedtls_md_context_t*>(context);
    if (!ctx) return;
    mbedtls_md_free(ctx);  // zeroizes the keyed state
    delete ctx;
}

// --- SHA-512 ---

int sha512Init(void** context, void*) {
    auto* ctx = new (std::nothrow) mbedtls_sha512_context;
    if (!ctx) return SG_ERR_NOMEM;
    mbedtls_sha512_init(ctx);
    if (mbedtls_sha512_starts_ret(ctx, 0) != 0) {
        mbedtls_sha512_free(ctx);
        delete ctx;
        return SG_ERR_UNKNOWN;
    }
    *context = ctx;
    return 0;
}

int sha512Update(void* context, const std::uint8_t* data, std::size_t len, void*) {
    return mbedtls_sha512_update_ret(static_cast<mbedtls_sha512_context*>(context), data, len) == 0 ? 0
                                                                                                     : SG_ERR_UNKNOWN;
}

int sha512Final(void* context, signal_buffer** output, void*) {
    auto* ctx = static_cast<mbedtls_sha512_context*>(context);
    std::uint8_t digest[64];
    // The library reuses the context after final: restart it.
    if (mbedtls_sha512_finish_ret(ctx, digest) != 0 || mbedtls_sha512_starts_ret(ctx, 0) != 0) return SG_ERR_UNKNOWN;
    signal_buffer* buffer = signal_buffer_create(digest, sizeof digest);
    if (!buffer) return SG_ERR_NOMEM;
    *output = buffer;
    return 0;
}

void sha512Cleanup(void* context, void*) {
    auto* ctx = static_cast<mbedtls_sha512_context*>(context);
    if (!ctx) return;
    mbedtls_sha512_free(ctx);
    delete ctx;
}

// --- AES ---

const mbedtls_cipher_info_t* aesInfo(int cipher, std::size_t keyLen) {
    const bool cbc = cipher == SG_CIPHER_AES_CBC_PKCS5;
    if (!cbc && cipher != SG_CIPHER_AES_CTR_NOPADDING) return nullptr;
    mbedtls_cipher_type_t type;
    switch (keyLen) {
        case 16: type = cbc ? MBEDTLS_CIPHER_AES_128_CBC : MBEDTLS_CIPHER_AES_128_CTR; break;
        case 24: type = cbc ? MBEDTLS_CIPHER_AES_192_CBC : MBEDTLS_CIPHER_AES_192_CTR; break;
        case 32: type = cbc ? MBEDTLS_CIPHER_AES_256_CBC : MBEDTLS_CIPHER_AES_256_CTR; break;
        default: return nullptr;
    }
    return mbedtls_cipher_info_from_type(type);
}

class CipherContext {
public:
    CipherContext() { mbedtls_cipher_init(&m_ctx); }
    ~CipherContext() { mbedtls_cipher_free(&m_ctx); }
    CipherContext(const CipherContext&) = delete;
    CipherContext& operator=(const CipherContext&) = delete;
    mbedtls_cipher_context_t* get() { return &m_ctx; }

private:
    mbedtls_cipher_context_t m_ctx;
};

int aesCrypt(mbedtls_operation_t op, signal_buffer** output, int cipher, const std::uint8_t* key, std::size_t keyLen,
             const std::uint8_t* iv, std::size_t ivLen, const std::uint8_t* input, std::size_t inputLen) {
    const mbedtls_cipher_info_t* info = aesInfo(cipher, keyLen);
    if (!info || ivLen != 16) return SG_ERR_INVAL;
    CipherContext ctx;
    if (mbedtls_cipher_setup(ctx.get(), info) != 0 ||
        mbedtls_cipher_setkey(ctx.get(), key, static_cast<int>(keyLen * 8), op) != 0) {
        return SG_ERR_UNKNOWN;
    }
    if (cipher == SG_CIPHER_AES_CBC_PKCS5 &&
        mbedtls_cipher_set_padding_mode(ctx.get(), MBEDTLS_PADDING_PKCS7) != 0) {
        return SG_ERR_UNKNOWN;
    }
    // Output is at most one block longer than the input (CBC padding).
    signal_buffer* buffer = signal_buffer_alloc(inputLen + 16);
    if (!buffer) return SG_ERR_NOMEM;
    std::size_t written = 0;
    int rc = mbedtls_cipher_crypt(ctx.get(), iv, ivLen, input, inputLen, signal_buffer_data(buffer), &written);
    if (rc != 0) {
        signal_buffer_bzero_free(buffer);
        return SG_ERR_UNKNOWN;  // includes bad padding on decryption
    }
    // Shrink to the real length (signal_buffer has no resize; copy the prefix).
    signal_buffer* exact = signal_buffer_n_copy(buffer, written);
    signal_buffer_bzero_free(buffer);
    if (!exact) return SG_ERR_NOMEM;
    *output = exact;
    return 0;
}

int encrypt(signal_buffer** output, int cipher, const std::uint8_t* key, std::size_t keyLen, const std::uint8_t* iv,
            std::size_t ivLen, const std::uint8_t* plaintext, std::size_t plaintextLen, void*) {
    return aesCrypt(MBEDTLS_ENCRYPT, output, cipher, key, keyLen, iv, ivLen, plaintext, plaintextLen);
}

int decrypt(signal_buffer** output, int cipher, const std::uint8_t* key, std::size_t keyLen, const std::uint8_t* iv,
            std::size_t ivLen, const std::uint8_t* ciphertext, std::size_t ciphertextLen, void*) {
    return aesCrypt(MBEDTLS_DECRYPT, output, cipher, key, keyLen, iv, ivLen, ciphertext, ciphertextLen);
}

}  // namespace

signal_crypto_provider makeCryptoProvider(platform::Random& random) {
    signal_crypto_provider provider{};
    provider.random_func = randomBytes;
    provider.hmac_sha256_init_func = hmacInit;
    provider.hmac_sha256_update_func = hmacUpdate;
    provider.hmac_sha256_final_func = hmacFinal;
    provider.hmac_sha256_cleanup_func = hmacCleanup;
    provider.sha512_digest_init_func = sha512Init;
    provider.sha512_digest_update_func = sha512Update;
    provider.sha512_digest_final_func = sha512Final;
    provider.sha512_digest_cleanup_func = sha512Cleanup;
    provider.encrypt_func = encrypt;
    provider.decrypt_func = decrypt;
    provider.user_data = &random;
    return provider;
}

}  // namespace starling::omemo
