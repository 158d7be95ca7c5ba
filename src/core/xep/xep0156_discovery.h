#pragma once
// XEP-0156: discovering the WebSocket endpoint (RFC 7395) of a domain through host-meta (RFC 6415),
// in its XML (XRD) and JSON (JRD) forms. Pure functions: the HTTP GET is the platform's.
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xml/ns.h"

namespace starling::xep {

using ns::kAltConnectionsWebSocket;

struct HostMetaUrls {
    std::string xml;   // https://DOMAIN/.well-known/host-meta
    std::string json;  // https://DOMAIN/.well-known/host-meta.json
};

// Error "bad-domain" unless `domain` is a valid JID domainpart (it is normalized first).
Result<HostMetaUrls> hostMetaUrls(std::string_view domain);

// The WebSocket URLs a host-meta document announces: wss:// ones first, then ws://, each group in
// document order, duplicates removed; other schemes (BOSH's https://, …) are ignored.
// Errors: "bad-host-meta" (not a well-formed XRD/JRD document), "no-websocket" (no usable link).
Result<std::vector<std::string>> parseHostMetaXml(std::string_view body);
Result<std::vector<std::string>> parseHostMetaJson(std::string_view body);

}  // namespace starling::xep
