#pragma once
// Hash primitives for SCRAM and storage, implemented on mbedTLS.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace starling::crypto {

using Bytes = std::vector<std::uint8_t>;

enum class HashAlgo { Sha1, Sha256 };

std::size_t digestSize(HashAlgo algo);
Bytes hash(HashAlgo algo, std::string_view data);
Bytes hmac(HashAlgo algo, const Bytes& key, std::string_view data);
Bytes pbkdf2(HashAlgo algo, std::string_view password, const Bytes& salt, std::uint32_t iterations);

std::string base64Encode(const Bytes& data);
// Empty optional-like: returns false on malformed input.
bool base64Decode(std::string_view text, Bytes& out);
std::string hexEncode(const Bytes& data);

// Overwrites memory in a way the optimizer cannot drop.
void secureZero(void* p, std::size_t n);

}  // namespace starling::crypto
