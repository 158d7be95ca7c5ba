#include "core/stream/framing.h"

#include <cctype>

#include "core/xml/ns.h"

namespace starling::stream {

std::string openFrame(std::string_view domain) {
    xml::Element open(ns::kFraming, "open");
    open.setAttr("to", domain);
    open.setAttr("version", "1.0");
    return xml::serialize(open);
}

std::string closeFrame() { return xml::serialize(xml::Element(ns::kFraming, "close")); }

FrameKind classify(const xml::Element& frame) {
    const std::string& n = frame.name();
    if (frame.ns() == ns::kFraming) {
        if (n == "open") return FrameKind::Open;
        if (n == "close") return FrameKind::Close;
        return FrameKind::Broken;
    }
    if (frame.ns() == ns::kStreams) {
        if (n == "features") return FrameKind::Features;
        if (n == "error") return FrameKind::StreamError;
        return FrameKind::Broken;  // <stream:stream> (RFC 6120 TCP framing) and the like
    }
    if (frame.ns() == ns::kSasl) return FrameKind::Sasl;
    if (frame.ns() == ns::kSm) return FrameKind::StreamManagement;
    if (frame.ns() == ns::kClient && (n == "message" || n == "presence" || n == "iq")) return FrameKind::Stanza;
    return FrameKind::Unknown;
}

StreamFeatures parseFeatures(const xml::Element& features) {
    StreamFeatures f;
    if (const auto* mechs = features.child(ns::kSasl, "mechanisms")) {
        for (const auto* m : mechs->childrenNamed(ns::kSasl, "mechanism")) {
            if (!m->text().empty()) f.mechanisms.push_back(m->text());
        }
    }
    f.registration = features.child(ns::kRegisterFeature, "register") != nullptr;
    f.invite = features.child(ns::kInviteFeature, "register") != nullptr;
    f.bind = features.child(ns::kBind, "bind") != nullptr;
    if (const auto* s = features.child(ns::kSession, "session")) {
        f.session = true;
        f.sessionOptional = s->child(ns::kSession, "optional") != nullptr;
    }
    f.streamManagement = features.child(ns::kSm, "sm") != nullptr;
    f.csi = features.child(ns::kCsi, "csi") != nullptr;
    return f;
}

Result<OpenInfo> parseOpen(const xml::Element& open) {
    OpenInfo info{std::string(open.attr("from")), std::string(open.attr("id")), std::string(open.attr("version"))};
    if (info.version != "1.0") return makeError("bad-frame", "stream version is not 1.0");
    return info;
}

std::string conditionIn(const xml::Element& parent, std::string_view ns) {
    for (const auto& c : parent.children()) {
        if (c.ns() == ns && c.name() != "text") return c.name();
    }
    return {};
}

StreamError parseStreamError(const xml::Element& error) {
    StreamError e;
    e.condition = conditionIn(error, ns::kStreamErrors);
    if (e.condition.empty()) e.condition = "undefined-condition";
    e.text = std::string(error.childText(ns::kStreamErrors, "text"));
    return e;
}

xml::Element streamError(std::string_view condition, std::string_view text) {
    xml::Element error(ns::kStreams, "error");
    error.add(ns::kStreamErrors, std::string(condition));
    if (!text.empty()) error.addText(ns::kStreamErrors, "text", text);
    return error;
}

namespace {

struct UrlParts {
    std::string scheme;
    std::string host;
};

std::optional<UrlParts> splitUrl(std::string_view url) {
    auto sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0) return std::nullopt;
    UrlParts p;
    for (char c : url.substr(0, sep)) p.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view rest = url.substr(sep + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') {  // IPv6 literal
        auto close = rest.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        rest = rest.substr(0, close + 1);
    } else {
        rest = rest.substr(0, rest.find(':'));
    }
    if (rest.empty()) return std::nullopt;
    for (char c : rest) p.host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!p.host.empty() && p.host.back() == '.') p.host.pop_back();
    return p;
}

}  // namespace

std::string urlHost(std::string_view url) {
    auto p = splitUrl(url);
    return p ? p->host : std::string();
}

std::optional<std::string> seeOtherUri(const xml::Element& close) {
    if (const auto* v = close.findAttr("see-other-uri")) return *v;
    return std::nullopt;
}

// A URL a browser could read differently from splitUrl: a browser treats a backslash as '/' in ws/wss
// URLs ("ws://evil<backslash>@good/" goes to evil); userinfo, spaces and control characters have no
// business in a redirect target either. Such a URL is refused rather than parsed.
namespace {
bool ambiguousUrl(std::string_view url) {
    for (char c : url) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) return true;
    }
    auto sep = url.find("://");
    std::string_view authority = sep == std::string_view::npos ? url : url.substr(sep + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    return authority.find_first_of("\\@") != std::string_view::npos;
}
}  // namespace

Result<std::string> checkRedirect(std::string_view currentUrl, std::string_view newUrl) {
    if (ambiguousUrl(newUrl)) return makeError("redirect-refused", "redirect URL with userinfo, '\\' or spaces");
    auto cur = splitUrl(currentUrl);
    auto next = splitUrl(newUrl);
    if (!cur || !next) return makeError("redirect-refused", "malformed redirect URL");
    if (next->scheme != "ws" && next->scheme != "wss") return makeError("redirect-refused", "not a WebSocket URL");
    if (cur->scheme == "wss" && next->scheme != "wss") return makeError("redirect-refused", "redirect drops TLS");
    if (cur->host != next->host) return makeError("redirect-refused", "redirect to another host");
    return std::string(newUrl);
}

}  // namespace starling::stream
