#pragma once
// XEP-0294 Jingle RTP Header Extensions Negotiation: <rtp-hdrext id='1' uri='…' [senders='…']/> and
// <extmap-allow-mixed/> (RFC 8285) in a <description/>. SDP: a=extmap:<id>[/<direction>] <uri>,
// a=extmap-allow-mixed.
#include <string>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct RtpHdrExt {
    std::string id;
    std::string uri;
    std::string senders;  // "" = both (the default)
    bool operator==(const RtpHdrExt&) const = default;
};

struct RtpHeaderExtensions {
    std::vector<RtpHdrExt> extensions;
    bool allowMixed = false;
    bool operator==(const RtpHeaderExtensions&) const = default;
};

RtpHeaderExtensions parseRtpHeaderExtensions(const xml::Element& description);
void addRtpHeaderExtensions(xml::Element& description, const RtpHeaderExtensions& hdrext);

}  // namespace starling::xep
