#pragma once
// Where to find the WebSocket endpoint of a domain (XEP-0156 host-meta, XML and JSON).
// TODO(client-state): switch to xep/xep0156_discovery.h when it lands; this is the minimal local form.
#include <string>
#include <string_view>

namespace starling::im {

inline constexpr const char* kWebsocketRel = "urn:xmpp:alt-connections:websocket";

std::string hostMetaXmlUrl(std::string_view domain);
std::string hostMetaJsonUrl(std::string_view domain);
// The WebSocket URL announced by a host-meta document (prefers wss:// over ws://); empty when none.
std::string websocketFromHostMeta(std::string_view body, bool json);

}  // namespace starling::im
