#include "core/xep/xep0215_external_services.h"

#include "core/xml/ns.h"

namespace starling::xep {

xml::Element externalServicesIq(std::string_view server, std::string_view type) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    if (!server.empty()) iq.setAttr("to", server);
    xml::Element& s = iq.add(ns::kExtDisco, "services");
    if (!type.empty()) s.setAttr("type", type);
    return iq;
}

std::optional<std::vector<ExternalService>> parseExternalServices(const xml::Element& iq) {
    const xml::Element* s = iq.child(ns::kExtDisco, "services");
    if (!s) return std::nullopt;
    std::vector<ExternalService> out;
    for (const xml::Element* e : s->childrenNamed(ns::kExtDisco, "service")) {
        ExternalService x;
        x.type = std::string(e->attr("type"));
        x.host = std::string(e->attr("host"));
        if (x.type.empty() || x.host.empty()) continue;
        x.port = std::string(e->attr("port"));
        x.transport = std::string(e->attr("transport"));
        x.username = std::string(e->attr("username"));
        x.password = std::string(e->attr("password"));
        x.expires = std::string(e->attr("expires"));
        x.restricted = e->attr("restricted") == "true" || e->attr("restricted") == "1";
        x.name = std::string(e->attr("name"));
        out.push_back(std::move(x));
    }
    return out;
}

std::string iceServerUrl(const ExternalService& s) {
    if (s.type != "stun" && s.type != "stuns" && s.type != "turn" && s.type != "turns") return {};
    // An IPv6 literal goes in brackets (RFC 7064/7065 URIs).
    const bool v6 = s.host.find(':') != std::string::npos && s.host.front() != '[';
    std::string url = s.type + ":" + (v6 ? "[" + s.host + "]" : s.host);
    if (!s.port.empty()) url += ":" + s.port;
    if ((s.type == "turn" || s.type == "turns") && !s.transport.empty()) url += "?transport=" + s.transport;
    return url;
}

}  // namespace starling::xep
