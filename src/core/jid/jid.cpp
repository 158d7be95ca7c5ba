#include "core/jid/jid.h"

#include <cstdint>
#include <tuple>

#include "core/util/utf8.h"

namespace starling::jid {
namespace {

Error bad(const char* why) { return makeError("bad-jid", why); }


// Simple case folding for the scripts our users are most likely to type; full Unicode folding needs ICU.
std::uint32_t foldCase(std::uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;         // Latin-1 À..Þ except ×
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;       // Greek Α..Ω
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                      // Cyrillic А..Я
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;                      // Cyrillic Ѐ..Џ (Ё, Є, Ї, Ў…)
    return cp;
}

bool isControl(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Space separators (Unicode Zs) and line/paragraph separators: forbidden in local and domain parts.
bool isSpace(std::uint32_t cp) {
    return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool isLocalForbidden(std::uint32_t cp) {
    switch (cp) {
        case '"': case '&': case '\'': case '/': case ':': case '<': case '>': case '@': return true;
        default: return isControl(cp) || isSpace(cp) || cp == 0xFFFE || cp == 0xFFFF;
    }
}

// Decodes and folds `in`; `reject` names the code points that make the part invalid.
template <class Reject>
Result<std::string> foldPart(std::string_view in, bool fold, Reject reject, const char* why) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8::decode(in, i, cp);
        if (len == 0) return bad("invalid UTF-8");
        if (reject(cp)) return bad(why);
        utf8::append(out, fold ? foldCase(cp) : cp);
        i += len;
    }
    return out;
}

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// An IPv6 literal in the shape of RFC 4291 §2.2: groups of at most 4 hex digits, dots only in the last
// group (an embedded IPv4 address), at most 45 characters in all (without the bound, 1,093 hex digits
// passed as a domainpart over the 1,023 bytes RFC 7622 allows; found by tests/fuzz/jid_fuzz.cpp).
Result<std::string> normalizeIpLiteral(std::string_view d) {
    const std::string_view inner = d.substr(1, d.size() - 2);
    if (d.size() < 2 || d.back() != ']' || inner.size() > 45 || inner.find(':') == std::string_view::npos)
        return bad("bad IP literal");
    const std::size_t lastColon = inner.rfind(':');
    std::size_t group = 0;
    std::string out = "[";
    for (std::size_t i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        const bool dotOk = c == '.' && i > lastColon;
        if (!isHex(c) && c != ':' && !dotOk) return bad("bad IP literal");
        group = c == ':' ? 0 : group + 1;
        if (group > 4 && i < lastColon) return bad("bad IP literal");
        out += (c >= 'A' && c <= 'F') ? static_cast<char>(c + 0x20) : c;
    }
    if (inner.size() - lastColon - 1 > 4 && inner.find('.', lastColon) == std::string_view::npos)
        return bad("bad IP literal");
    out += ']';
    return out;
}

bool isAsciiLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

Result<std::string> normalizeLocal(std::string_view local) {
    if (local.empty()) return bad("empty localpart");
    auto r = foldPart(local, true, isLocalForbidden, "forbidden character in localpart");
    if (r.ok() && r->size() > kMaxPartBytes) return bad("localpart too long");
    return r;
}

Result<std::string> normalizeDomain(std::string_view domain) {
    if (!domain.empty() && domain.front() == '[') return normalizeIpLiteral(domain);
    if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);  // "example.com." is "example.com"
    if (domain.empty()) return bad("empty domainpart");
    auto r = foldPart(
        domain, true, [](std::uint32_t cp) { return isControl(cp) || isSpace(cp) || cp == 0xFFFE || cp == 0xFFFF; },
        "forbidden character in domainpart");
    if (!r.ok()) return r;
    const std::string& d = *r;
    if (d.size() > kMaxPartBytes) return bad("domainpart too long");
    // Labels: non-empty, at most 63 bytes; ASCII labels are letters, digits and inner hyphens.
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = d.find('.', start);
        const std::string_view label = std::string_view(d).substr(start, dot == std::string::npos ? d.npos : dot - start);
        if (label.empty()) return bad("empty label in domainpart");
        if (label.size() > 63) return bad("label too long in domainpart");
        bool ascii = true;
        for (char c : label) {
            if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
            else if (!isAsciiLabelChar(c)) return bad("forbidden character in domainpart");
        }
        if (ascii && (label.front() == '-' || label.back() == '-')) return bad("label starts or ends with '-'");
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return r;
}

Result<std::string> checkResource(std::string_view resource) {
    if (resource.empty()) return bad("empty resourcepart");
    if (resource.size() > kMaxPartBytes) return bad("resourcepart too long");
    return foldPart(
        resource, false, [](std::uint32_t cp) { return isControl(cp) || cp == 0xFFFE || cp == 0xFFFF; },
        "forbidden character in resourcepart");
}

Result<Jid> Jid::fromParts(std::string_view local, std::string_view domain, std::string_view resource) {
    Jid j;
    if (!local.empty()) {
        auto l = normalizeLocal(local);
        if (!l.ok()) return l.error();
        j.m_local = std::move(*l);
    }
    auto d = normalizeDomain(domain);
    if (!d.ok()) return d.error();
    j.m_domain = std::move(*d);
    if (!resource.empty()) {
        auto r = checkResource(resource);
        if (!r.ok()) return r.error();
        j.m_resource = std::move(*r);
    }
    return j;
}

Result<Jid> Jid::parse(std::string_view text) {
    // RFC 7622 3.2: the first '/' starts the resource; then the first '@' ends the local part.
    std::string_view rest = text;
    std::string_view resource;
    if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
        resource = text.substr(slash + 1);
        if (resource.empty()) return bad("empty resourcepart");
        rest = text.substr(0, slash);
    }
    std::string_view local;
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        local = rest.substr(0, at);
        if (local.empty()) return bad("empty localpart");
        rest = rest.substr(at + 1);
    }
    return fromParts(local, rest, resource);
}

Jid Jid::bare() const {
    Jid j = *this;
    j.m_resource.clear();
    return j;
}

std::string Jid::bareString() const {
    return m_local.empty() ? m_domain : m_local + "@" + m_domain;
}

std::string Jid::full() const {
    std::string s = bareString();
    if (!m_resource.empty()) s += "/" + m_resource;
    return s;
}

Result<Jid> Jid::withResource(std::string_view resource) const {
    if (empty()) return bad("empty domainpart");
    Jid j = bare();
    if (!resource.empty()) {
        auto r = checkResource(resource);
        if (!r.ok()) return r.error();
        j.m_resource = std::move(*r);
    }
    return j;
}

bool operator<(const Jid& a, const Jid& b) {
    return std::tie(a.m_domain, a.m_local, a.m_resource) < std::tie(b.m_domain, b.m_local, b.m_resource);
}

}  // namespace starling::jid
