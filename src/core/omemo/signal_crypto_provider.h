#pragma once
// libsignal-protocol-c's crypto callbacks implemented on mbedTLS: randomness from platform::Random
// (a CTR_DRBG seeded from getentropy, see crypto/drbg.h), HMAC-SHA256, SHA-512, AES-CBC/PKCS#7 and AES-CTR.
#include <signal_protocol.h>

#include "platform/random.h"

namespace starling::omemo {

// `random` must outlive every signal_context the provider is installed in.
signal_crypto_provider makeCryptoProvider(platform::Random& random);

}  // namespace starling::omemo
