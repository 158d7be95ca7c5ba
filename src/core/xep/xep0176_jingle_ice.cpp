#include "core/xep/xep0176_jingle_ice.h"

#include "core/xml/ns.h"

namespace starling::xep {

std::optional<IceUdpTransport> parseIceUdpTransport(const xml::Element& t) {
    if (!t.is(ns::kJingleIceUdp, "transport")) return std::nullopt;
    IceUdpTransport out;
    out.ufrag = std::string(t.attr("ufrag"));
    out.pwd = std::string(t.attr("pwd"));
    for (const xml::Element* c : t.childrenNamed(ns::kJingleIceUdp, "candidate")) {
        IceCandidate k;
        k.component = std::string(c->attr("component"));
        k.foundation = std::string(c->attr("foundation"));
        if (c->hasAttr("generation")) k.generation = std::string(c->attr("generation"));
        k.id = std::string(c->attr("id"));
        k.ip = std::string(c->attr("ip"));
        k.network = std::string(c->attr("network"));
        k.port = std::string(c->attr("port"));
        k.priority = std::string(c->attr("priority"));
        if (c->hasAttr("protocol")) k.protocol = std::string(c->attr("protocol"));
        k.type = std::string(c->attr("type"));
        k.relAddr = std::string(c->attr("rel-addr"));
        k.relPort = std::string(c->attr("rel-port"));
        k.tcptype = std::string(c->attr("tcptype"));
        // The attributes ICE cannot do without; a candidate missing one is no candidate.
        if (k.component.empty() || k.foundation.empty() || k.ip.empty() || k.port.empty() || k.priority.empty())
            continue;
        out.candidates.push_back(std::move(k));
    }
    out.fingerprint = parseDtlsFingerprint(t);
    return out;
}

xml::Element iceUdpTransportElement(const IceUdpTransport& t) {
    xml::Element e(ns::kJingleIceUdp, "transport");
    if (!t.ufrag.empty()) e.setAttr("ufrag", t.ufrag);
    if (!t.pwd.empty()) e.setAttr("pwd", t.pwd);
    if (t.fingerprint) addDtlsFingerprint(e, *t.fingerprint);
    for (const IceCandidate& k : t.candidates) {
        xml::Element& c = e.add(ns::kJingleIceUdp, "candidate");
        c.setAttr("component", k.component).setAttr("foundation", k.foundation).setAttr("generation", k.generation);
        c.setAttr("id", k.id).setAttr("ip", k.ip);
        c.setAttr("network", k.network.empty() ? "0" : k.network);
        c.setAttr("port", k.port).setAttr("priority", k.priority).setAttr("protocol", k.protocol);
        if (!k.relAddr.empty()) c.setAttr("rel-addr", k.relAddr);
        if (!k.relPort.empty()) c.setAttr("rel-port", k.relPort);
        if (!k.tcptype.empty()) c.setAttr("tcptype", k.tcptype);
        c.setAttr("type", k.type);
    }
    return e;
}

}  // namespace starling::xep
