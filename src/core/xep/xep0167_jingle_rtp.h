#pragma once
// XEP-0167 Jingle RTP Sessions: the <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
// of a content — payload types with their parameters (SDP a=rtpmap + a=fmtp), rtcp-mux, bandwidth,
// and the extensions the browsers and Conversations/Dino put inside it: RTP feedback (XEP-0293), header
// extensions (XEP-0294) and sources (XEP-0339). Also the session-info payloads (ringing, active, hold,
// mute). Numbers stay the strings they were sent as; the SDP writer checks them.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/xep/xep0293_rtcp_fb.h"
#include "core/xep/xep0294_rtp_hdrext.h"
#include "core/xep/xep0339_ssrc.h"
#include "core/xml/element.h"

namespace starling::xep {

struct PayloadType {
    std::string id;         // 0–127
    std::string name;       // opus, VP8, rtx, … ("" for static types sent without one)
    std::string clockrate;  // "" when not given
    std::string channels;   // "" = 1
    std::string ptime;
    std::string maxptime;
    // <parameter name value/> (SDP a=fmtp key=value; a bare fmtp token, e.g. red's "111/111", has name "").
    std::vector<std::pair<std::string, std::string>> parameters;
    RtcpFeedback feedback;  // XEP-0293 for this payload type
    bool operator==(const PayloadType&) const = default;
};

struct RtpDescription {
    std::string media;  // audio, video
    std::string ssrc;   // the older single-source attribute ("" when none)
    std::vector<PayloadType> payloadTypes;
    RtcpFeedback feedback;             // XEP-0293 for all payload types
    RtpHeaderExtensions hdrext;        // XEP-0294
    SsrcAttributes sources;            // XEP-0339
    bool rtcpMux = false;
    std::string bandwidthType;         // e.g. AS ("" when none)
    std::string bandwidth;             // kbit/s
    bool operator==(const RtpDescription&) const = default;
};

std::optional<RtpDescription> parseRtpDescription(const xml::Element& description);
xml::Element rtpDescriptionElement(const RtpDescription& description);

// Session-info (XEP-0167 §7): <ringing/>, <active/>, <hold/>, <unhold/>, <mute/>, <unmute/> in
// urn:xmpp:jingle:apps:rtp:info:1; the local name, or "" when `jingle` carries none.
std::string rtpSessionInfo(const xml::Element& jingle);

}  // namespace starling::xep
