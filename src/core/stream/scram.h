#pragma once
// SASL SCRAM-SHA-1 / SCRAM-SHA-256 client (RFC 5802, RFC 7677), without channel binding (gs2 "n,,").
// Works from the password (then drops it: the string is zeroed once the salted password is derived)
// or from a cached ScramCache (client/server keys); the cache is valid only for the same salt and
// iteration count the server sends, else authentication needs the password ("need-password").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/hash.h"
#include "core/util/result.h"

namespace starling::stream {

// What "remember me" stores instead of the password (RFC 5802: SaltedPassword-derived keys).
struct ScramCache {
    std::string mechanism;  // "SCRAM-SHA-256" or "SCRAM-SHA-1"
    crypto::Bytes salt;
    std::uint32_t iterations = 0;
    crypto::Bytes clientKey;
    crypto::Bytes serverKey;
};

// RFC 7677 §4 asks for at least 4096; a lower count from the server is a downgrade, not a setting.
inline constexpr std::uint32_t kScramMinIterations = 4096;
inline constexpr std::uint32_t kScramMaxIterations = 1000000;

// RFC 5802 saslname: "=" → "=3D", "," → "=2C".
std::string scramEscapeName(std::string_view name);

// Strength of a SASL mechanism for pinning (the strongest that worked is the floor next time):
// SCRAM-SHA-256 2, SCRAM-SHA-1 1, anything else 0 (PLAIN is a per-login opt-in, never a floor).
int mechanismRank(std::string_view mechanism);

// Returns the hash for a SCRAM mechanism name, or nullopt if it is not one we support.
std::optional<crypto::HashAlgo> scramHashFor(std::string_view mechanism);

class ScramClient {
public:
    // `clientNonce`: printable, no ','; tests inject the RFC's, the session passes random base64.
    // The password is copied into an owned buffer that is zeroed once the keys are derived; the
    // caller zeroes its own copy.
    ScramClient(std::string mechanism, std::string_view username, std::string_view password,
                std::optional<ScramCache> cache, std::string clientNonce);
    ~ScramClient();
    ScramClient(const ScramClient&) = delete;
    ScramClient& operator=(const ScramClient&) = delete;

    const std::string& mechanism() const { return m_mechanism; }
    // Full client-first message ("n,,n=user,r=nonce"): the initial response of <auth/>.
    std::string clientFirst() const;
    // Parses server-first strictly and returns client-final. Errors: "bad-challenge" (malformed,
    // nonce mismatch, bad salt, iterations out of kScramMinIterations..kScramMaxIterations), "need-password".
    Result<std::string> handleServerFirst(std::string_view serverFirst);
    // Verifies server-final ("v=..." constant-time; "e=..." → "server-error"; mismatch → "server-signature").
    Result<void> handleServerFinal(std::string_view serverFinal);
    bool serverFirstHandled() const { return m_firstDone; }
    bool verified() const { return m_verified; }
    // Keys for remember-me; filled after handleServerFirst succeeds.
    const std::optional<ScramCache>& cache() const { return m_cache; }

private:
    std::string m_mechanism;
    crypto::HashAlgo m_algo;
    std::string m_clientFirstBare;
    std::string m_password;
    std::optional<ScramCache> m_cache;
    std::string m_nonce;
    std::string m_authMessage;
    bool m_firstDone = false;
    bool m_verified = false;
};

}  // namespace starling::stream
