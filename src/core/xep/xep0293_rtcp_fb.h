#pragma once
// XEP-0293 Jingle RTP Feedback Negotiation: <rtcp-fb type='nack' subtype='pli'/> and
// <rtcp-fb-trr-int value='100'/> inside a <payload-type/> (that codec) or a <description/> (all codecs:
// SDP's a=rtcp-fb:*). SDP: a=rtcp-fb:<pt> <type> [<subtype>], a=rtcp-fb:<pt> trr-int <value>.
#include <optional>
#include <string>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct RtcpFb {
    std::string type;     // nack, ccm, goog-remb, transport-cc, …
    std::string subtype;  // pli, fir, … ("" when none)
    bool operator==(const RtcpFb&) const = default;
};

struct RtcpFeedback {
    std::vector<RtcpFb> fb;
    std::optional<std::string> trrInt;  // milliseconds
    bool empty() const { return fb.empty() && !trrInt; }
    bool operator==(const RtcpFeedback&) const = default;
};

// The feedback children of `parent` (a payload-type or a description).
RtcpFeedback parseRtcpFeedback(const xml::Element& parent);
void addRtcpFeedback(xml::Element& parent, const RtcpFeedback& feedback);

}  // namespace starling::xep
