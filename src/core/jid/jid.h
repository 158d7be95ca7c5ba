#pragma once
// RFC 7622 JIDs as far as practical without ICU: localpart@domainpart/resourcepart.
// Local and domain parts are case-folded for ASCII, Latin-1, Greek and Cyrillic letters; the resource is
// kept as it is. Every part is at most 1023 bytes of valid UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace starling::jid {

inline constexpr std::size_t kMaxPartBytes = 1023;

class Jid {
public:
    Jid() = default;  // the empty JID: empty() is true; never produced by a successful parse

    // Error code "bad-jid" with a reason on failure.
    static Result<Jid> parse(std::string_view text);
    // From separate parts (local and resource may be empty), with the same checks and normalization.
    static Result<Jid> fromParts(std::string_view local, std::string_view domain, std::string_view resource = {});

    const std::string& local() const { return m_local; }
    const std::string& domain() const { return m_domain; }
    const std::string& resource() const { return m_resource; }

    bool empty() const { return m_domain.empty(); }
    bool isBare() const { return m_resource.empty(); }
    bool hasResource() const { return !m_resource.empty(); }
    bool isDomainOnly() const { return m_local.empty() && m_resource.empty(); }

    Jid bare() const;                // the same JID without its resource
    std::string bareString() const;  // "local@domain" or "domain"
    std::string full() const;        // "local@domain/resource", leaving out absent parts
    Result<Jid> withResource(std::string_view resource) const;

    friend bool operator==(const Jid& a, const Jid& b) = default;
    friend bool operator<(const Jid& a, const Jid& b);  // for ordered containers: by domain, local, resource

private:
    std::string m_local;
    std::string m_domain;
    std::string m_resource;
};

// Normalizers, exposed for tests and for callers that compare single parts (e.g. a typed domain).
Result<std::string> normalizeLocal(std::string_view local);
Result<std::string> normalizeDomain(std::string_view domain);
Result<std::string> checkResource(std::string_view resource);

}  // namespace starling::jid
