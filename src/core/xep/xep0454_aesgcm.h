#pragma once
// XEP-0454 OMEMO Media Sharing: the `aesgcm://host/path#<iv hex><key hex>` link that goes inside an
// OMEMO message body, and the file cipher it names (AES-256-GCM, the 16-byte tag appended to the file).
// IVs are 12 bytes (as the XEP and Conversations write them); 16-byte IVs of older clients are read too.
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/hash.h"
#include "core/util/result.h"

namespace starling::xep {

struct AesGcmLink {
    std::string httpsUrl;  // the file's GET URL (https://…, without the fragment)
    crypto::Bytes iv;      // 12 (or 16) bytes
    crypto::Bytes key;     // 32 bytes
};

inline constexpr std::size_t kAesGcmTagSize = 16;

// "aesgcm://" + the URL after its scheme + '#' + hex(iv) + hex(key). Only https (or, on an http page in
// development, http) URLs; nullopt otherwise.
std::optional<std::string> formatAesGcmLink(std::string_view getUrl, const crypto::Bytes& iv, const crypto::Bytes& key);
// Strict: one aesgcm URL, a fragment of 88 or 96 hex digits, nothing else. `scheme` is what the GET URL
// uses ("https"; "http" only in development on an http page).
std::optional<AesGcmLink> parseAesGcmLink(std::string_view text, std::string_view scheme = "https");
// The body of an OMEMO message that shares a file: the link alone, or the link, one newline and a
// data: thumbnail (XEP-0454 §2). Returns the link part, or nullopt.
std::optional<std::string_view> aesGcmLinkInBody(std::string_view body);

// Ciphertext with its tag appended, or an error (bad key/iv size).
Result<std::string> aesGcmEncrypt(std::string_view plain, const crypto::Bytes& iv, const crypto::Bytes& key);
// The plaintext, or "aesgcm-tag" when the tag does not match (nothing of the file is given out then),
// "aesgcm-short" when the data is shorter than a tag, "aesgcm-key" for a bad key or IV size.
Result<std::string> aesGcmDecrypt(std::string_view cipherAndTag, const crypto::Bytes& iv, const crypto::Bytes& key);

}  // namespace starling::xep
