#include "core/xep/xep0379_pars.h"

#include "core/jid/jid.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

int hexValue(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

bool percentDecode(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return false;
        const int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

Error badUri(const char* why) { return makeError("bad-uri", why); }

}  // namespace

Result<Invitation> parseInvitation(std::string_view uri) {
    if (uri.size() > 2048) return badUri("too long");
    if (uri.size() < 5 || uri.substr(0, 5) != "xmpp:") return badUri("not an xmpp: URI");
    uri.remove_prefix(5);
    if (uri.substr(0, 2) == "//") return badUri("an authority in the URI is not supported");
    if (std::size_t hash = uri.find('#'); hash != std::string_view::npos) uri = uri.substr(0, hash);
    const std::size_t q = uri.find('?');
    std::string path;
    if (!percentDecode(uri.substr(0, q), path)) return badUri("bad percent-encoding");
    auto jid = jid::Jid::parse(path);
    if (!jid || jid->hasResource()) return badUri("not a bare JID");
    Invitation inv;
    inv.jid = jid->bareString();
    inv.domain = jid->domain();
    std::string_view query = q == std::string_view::npos ? std::string_view() : uri.substr(q + 1);
    bool first = true;
    while (!query.empty() || first) {
        const std::size_t semi = query.find(';');
        std::string_view part = query.substr(0, semi);
        query = semi == std::string_view::npos ? std::string_view() : query.substr(semi + 1);
        if (first) {
            inv.action = std::string(part.empty() ? "roster" : part);  // a bare xmpp:jid befriends
            first = false;
            continue;
        }
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        std::string value;
        if (!percentDecode(part.substr(eq + 1), value)) return badUri("bad percent-encoding");
        const std::string_view key = part.substr(0, eq);
        if (key == "preauth") inv.token = value;
        else if (key == "ibr") inv.ibr = value == "y" || value == "yes" || value == "1";
    }
    if (inv.action != "roster" && inv.action != "register") return badUri("not a roster or register link");
    if (inv.action == "roster" && jid->local().empty()) return badUri("a roster link names a user");
    if (inv.action == "register") inv.ibr = true;
    if (inv.token.size() > 256) return badUri("token too long");
    for (char ch : inv.token)
        if (ch <= ' ' || ch > '~') return badUri("token with unexpected characters");
    if (inv.token.empty()) inv.ibr = false;
    return inv;
}

xml::Element preauth(std::string_view token) {
    xml::Element e(ns::kPars, "preauth");
    e.setAttr("token", token);
    return e;
}

xml::Element preauthSubscribe(std::string_view to, std::string_view token) {
    xml::Element p(ns::kClient, "presence");
    p.setAttr("to", to);
    p.setAttr("type", "subscribe");
    p.add(preauth(token));
    return p;
}

}  // namespace starling::xep
