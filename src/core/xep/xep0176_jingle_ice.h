#pragma once
// XEP-0176 Jingle ICE-UDP Transport Method: <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
// ufrag pwd> with <candidate/>s (all at once, or trickled one by one in transport-info) and the DTLS
// fingerprint (XEP-0320). SDP: a=ice-ufrag, a=ice-pwd, a=candidate.
#include <optional>
#include <string>
#include <vector>

#include "core/xep/xep0320_jingle_dtls.h"
#include "core/xml/element.h"

namespace starling::xep {

struct IceCandidate {
    std::string component;   // 1 = RTP (2 = RTCP, not used with rtcp-mux)
    std::string foundation;
    std::string generation = "0";
    std::string id;          // unique within the session (Jingle only; SDP has none)
    std::string ip;
    std::string network;     // "" when unknown
    std::string port;
    std::string priority;
    std::string protocol = "udp";
    std::string type;        // host, prflx, srflx, relay
    std::string relAddr;
    std::string relPort;
    std::string tcptype;     // active, passive, so (ICE-TCP candidates only)
    bool operator==(const IceCandidate&) const = default;
};

struct IceUdpTransport {
    std::string ufrag;
    std::string pwd;
    std::vector<IceCandidate> candidates;
    std::optional<DtlsFingerprint> fingerprint;
    bool operator==(const IceUdpTransport&) const = default;
};

std::optional<IceUdpTransport> parseIceUdpTransport(const xml::Element& transport);
xml::Element iceUdpTransportElement(const IceUdpTransport& transport);

}  // namespace starling::xep
