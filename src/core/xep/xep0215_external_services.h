#pragma once
// XEP-0215 External Service Discovery (urn:xmpp:extdisco:2): our server's STUN/TURN services with
// their (often time-limited) credentials, which the browser's RTCPeerConnection takes as ICE servers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct ExternalService {
    std::string type;       // stun, stuns, turn, turns, …
    std::string host;
    std::string port;       // "" when not given
    std::string transport;  // udp, tcp ("" when not given)
    std::string username;
    std::string password;
    std::string expires;    // XEP-0082 date-time ("" when none)
    bool restricted = false;
    std::string name;
    bool operator==(const ExternalService&) const = default;
};

// <iq type='get' to=server><services xmlns='urn:xmpp:extdisco:2' [type]/></iq>
xml::Element externalServicesIq(std::string_view server, std::string_view type = {});
// The services of a result (or a push): <services/> child of `iq`; those without host or type skipped.
std::optional<std::vector<ExternalService>> parseExternalServices(const xml::Element& iq);
// The RTCPeerConnection form of a STUN/TURN service: "stun:host:port", "turn:host:port?transport=udp";
// "" for any other service type.
std::string iceServerUrl(const ExternalService& service);

}  // namespace starling::xep
