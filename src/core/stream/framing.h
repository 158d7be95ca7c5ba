#pragma once
// RFC 7395 framing: <open/>, <close/> (see-other-uri, same host only), stream features and stream
// errors. Every frame is one complete element; stanzas carry xmlns="jabber:client" themselves.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::stream {

std::string openFrame(std::string_view domain);  // <open xmlns=framing to=domain version="1.0"/>
std::string closeFrame();                        // <close xmlns=framing/>

enum class FrameKind {
    Open,         // framing <open/>
    Close,        // framing <close/>
    Features,     // <stream:features/>
    StreamError,  // <stream:error/>
    Sasl,         // urn:ietf:params:xml:ns:xmpp-sasl (challenge, success, failure)
    Stanza,       // message / presence / iq in jabber:client
    StreamManagement,  // XEP-0198 nonzas (urn:xmpp:sm:3): enabled, failed, r, a, resumed
    Unknown,      // anything else that is well-formed: ignored
    Broken,       // breaks the framing itself (e.g. <stream:stream>, unknown framing element)
};
FrameKind classify(const xml::Element& frame);

struct StreamFeatures {
    std::vector<std::string> mechanisms;  // SASL, in server order
    bool registration = false;            // http://jabber.org/features/iq-register
    bool invite = false;                  // XEP-0401: <register xmlns='urn:xmpp:invite'/> (a preauth iq)
    bool bind = false;
    bool session = false;          // legacy RFC 3921 session advertised
    bool sessionOptional = false;  // <optional/> inside it (RFC 6121 / draft)
    bool streamManagement = false;
    bool csi = false;  // XEP-0352 client state indication (offered after authentication)
};
StreamFeatures parseFeatures(const xml::Element& features);

struct OpenInfo {
    std::string from;
    std::string id;
    std::string version;
};
// Checks a received <open/> (version 1.0 required). Error "bad-frame" otherwise.
Result<OpenInfo> parseOpen(const xml::Element& open);

// Condition of a <stream:error/> (e.g. "conflict") and its optional text.
struct StreamError {
    std::string condition;
    std::string text;
};
StreamError parseStreamError(const xml::Element& error);
// <stream:error><condition xmlns=streams/>[<text>text</text>]</stream:error>, to send.
xml::Element streamError(std::string_view condition, std::string_view text = {});

// Host (lower-case, without port or user info) of a ws:// / wss:// / http(s) URL; empty if malformed.
std::string urlHost(std::string_view url);
// see-other-uri of a <close/>, if present.
std::optional<std::string> seeOtherUri(const xml::Element& close);
// Accepts a redirect only to a ws:// or wss:// URL on the same host as `currentUrl` (never a
// downgrade from wss to ws). Error "redirect-refused" otherwise.
Result<std::string> checkRedirect(std::string_view currentUrl, std::string_view newUrl);

// First child element in `ns` (the defined condition of a stanza / SASL / stream error), or "".
std::string conditionIn(const xml::Element& parent, std::string_view ns);

}  // namespace starling::stream
