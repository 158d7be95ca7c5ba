#include "core/stream/scram.h"

#include <utility>
#include <vector>

namespace starling::stream {
namespace {

std::string_view asView(const crypto::Bytes& b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

void zero(crypto::Bytes& b) {
    if (!b.empty()) crypto::secureZero(b.data(), b.size());
    b.clear();
}

void zero(std::string& s) {
    if (!s.empty()) crypto::secureZero(s.data(), s.size());
    s.clear();
}

bool constantTimeEqual(const crypto::Bytes& a, const crypto::Bytes& b) {
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= unsigned(a[i] ^ b[i]);
    return diff == 0;
}

// Splits "k=v,k=v" into attribute/value pairs; each attribute is one ASCII letter.
bool splitAttributes(std::string_view msg, std::vector<std::pair<char, std::string_view>>& out) {
    std::size_t pos = 0;
    while (pos <= msg.size()) {
        std::size_t comma = msg.find(',', pos);
        if (comma == std::string_view::npos) comma = msg.size();
        std::string_view part = msg.substr(pos, comma - pos);
        if (part.size() < 2 || part[1] != '=') return false;
        char key = part[0];
        if (!((key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z'))) return false;
        out.emplace_back(key, part.substr(2));
        pos = comma + 1;
        if (comma == msg.size()) break;
    }
    return !out.empty();
}

bool printableNonce(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < 0x21 || c > 0x7e || c == ',') return false;
    }
    return true;
}

std::optional<std::uint32_t> parseIterations(std::string_view s) {
    if (s.empty() || s.size() > 10) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + std::uint64_t(c - '0');
    }
    if (v < kScramMinIterations || v > kScramMaxIterations) return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

Error badChallenge(std::string message) { return makeError("bad-challenge", std::move(message)); }

}  // namespace

std::string scramEscapeName(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '=') out += "=3D";
        else if (c == ',') out += "=2C";
        else out += c;
    }
    return out;
}

int mechanismRank(std::string_view mechanism) {
    if (mechanism == "SCRAM-SHA-256") return 2;
    if (mechanism == "SCRAM-SHA-1") return 1;
    return 0;
}

std::optional<crypto::HashAlgo> scramHashFor(std::string_view mechanism) {
    if (mechanism == "SCRAM-SHA-256") return crypto::HashAlgo::Sha256;
    if (mechanism == "SCRAM-SHA-1") return crypto::HashAlgo::Sha1;
    return std::nullopt;
}

ScramClient::ScramClient(std::string mechanism, std::string_view username, std::string_view password,
                         std::optional<ScramCache> cache, std::string clientNonce)
    : m_mechanism(std::move(mechanism)),
      m_algo(scramHashFor(m_mechanism).value_or(crypto::HashAlgo::Sha256)),
      m_clientFirstBare("n=" + scramEscapeName(username) + ",r=" + clientNonce),
      m_password(password),
      m_nonce(std::move(clientNonce)) {
    if (cache && cache->mechanism == m_mechanism) m_cache = std::move(cache);
}

ScramClient::~ScramClient() {
    zero(m_password);
    if (m_cache) {
        zero(m_cache->clientKey);
        zero(m_cache->serverKey);
    }
}

std::string ScramClient::clientFirst() const { return "n,," + m_clientFirstBare; }

Result<std::string> ScramClient::handleServerFirst(std::string_view serverFirst) {
    if (!scramHashFor(m_mechanism)) return makeError("no-mechanism", "not a SCRAM mechanism");
    if (m_firstDone) return badChallenge("second server-first message");
    std::vector<std::pair<char, std::string_view>> attrs;
    if (!splitAttributes(serverFirst, attrs) || attrs.size() < 3) return badChallenge("malformed server-first");
    if (attrs[0].first == 'm') return badChallenge("unsupported mandatory extension");
    if (attrs[0].first != 'r' || attrs[1].first != 's' || attrs[2].first != 'i')
        return badChallenge("server-first attributes out of order");
    std::string_view nonce = attrs[0].second;
    if (!printableNonce(nonce) || nonce.size() <= m_nonce.size() || nonce.substr(0, m_nonce.size()) != m_nonce)
        return badChallenge("server nonce does not extend ours");
    crypto::Bytes salt;
    if (attrs[1].second.empty() || !crypto::base64Decode(attrs[1].second, salt) || salt.empty())
        return badChallenge("bad salt");
    auto iterations = parseIterations(attrs[2].second);
    if (!iterations) return badChallenge("iteration count out of range");

    if (m_cache && (m_cache->salt != salt || m_cache->iterations != *iterations)) {
        zero(m_cache->clientKey);
        zero(m_cache->serverKey);
        m_cache.reset();
    }
    if (!m_cache) {
        if (m_password.empty()) return makeError("need-password", "cached keys do not match the server's salt");
        crypto::Bytes salted = crypto::pbkdf2(m_algo, m_password, salt, *iterations);
        zero(m_password);
        ScramCache c;
        c.mechanism = m_mechanism;
        c.salt = salt;
        c.iterations = *iterations;
        c.clientKey = crypto::hmac(m_algo, salted, "Client Key");
        c.serverKey = crypto::hmac(m_algo, salted, "Server Key");
        zero(salted);
        m_cache = std::move(c);
    }
    zero(m_password);

    std::string finalWithoutProof = "c=biws,r=" + std::string(nonce);
    m_authMessage = m_clientFirstBare + "," + std::string(serverFirst) + "," + finalWithoutProof;
    crypto::Bytes storedKey = crypto::hash(m_algo, asView(m_cache->clientKey));
    crypto::Bytes proof = crypto::hmac(m_algo, storedKey, m_authMessage);  // ClientSignature
    for (std::size_t i = 0; i < proof.size() && i < m_cache->clientKey.size(); ++i) proof[i] ^= m_cache->clientKey[i];
    m_firstDone = true;
    std::string out = finalWithoutProof + ",p=" + crypto::base64Encode(proof);
    zero(storedKey);
    return out;
}

Result<void> ScramClient::handleServerFinal(std::string_view serverFinal) {
    if (!m_firstDone || !m_cache) return makeError("server-signature", "server-final before server-first");
    std::vector<std::pair<char, std::string_view>> attrs;
    if (!splitAttributes(serverFinal, attrs)) return makeError("server-signature", "malformed server-final");
    if (attrs[0].first == 'e') return makeError("server-error", std::string(attrs[0].second));
    if (attrs[0].first != 'v') return makeError("server-signature", "no verifier");
    crypto::Bytes got;
    if (!crypto::base64Decode(attrs[0].second, got)) return makeError("server-signature", "bad verifier encoding");
    crypto::Bytes expected = crypto::hmac(m_algo, m_cache->serverKey, m_authMessage);
    if (!constantTimeEqual(got, expected)) return makeError("server-signature", "server signature mismatch");
    m_verified = true;
    return {};
}

}  // namespace starling::stream
