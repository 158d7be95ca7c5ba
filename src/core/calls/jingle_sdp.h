#pragma once
// The translation between the browser's SDP (RFC 8866/8829 as Chromium writes it: BUNDLE, a=mid,
// ICE ufrag/pwd, DTLS fingerprint and setup role, rtpmap/fmtp/rtcp-fb/extmap, ssrc and msid) and a
// Jingle RTP session's contents (XEP-0166/0167/0176/0320/0293/0294/0338/0339), as Conversations and Dino
// map them: one content per m= section, named by its a=mid. Trickled candidates: a=candidate lines ⇄
// <candidate/>. SDP built from received Jingle is checked token by token: nothing the peer sends can
// add a line to what the browser reads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xep/xep0166_jingle.h"

namespace starling::calls {

struct JingleSdp {
    std::vector<xep::JingleContent> contents;
    std::vector<xep::ContentGroup> groups;
};

// `byInitiator`: whose SDP it is (the session's initiator wrote an offer, the responder an answer); it
// maps a=sendonly/recvonly to the content's senders and an extmap's direction to its senders.
// `candidateIds`: counter for the ids of candidates found in the SDP (Jingle needs one per candidate).
Result<JingleSdp> jingleFromSdp(std::string_view sdp, bool byInitiator, std::uint32_t* candidateIds = nullptr);
// `sessionId`: any text; o= gets a number derived from it. Contents without an RTP description or an
// ICE-UDP transport, or with nothing usable in them, are an error.
Result<std::string> sdpFromJingle(const std::vector<xep::JingleContent>& contents,
                                  const std::vector<xep::ContentGroup>& groups, bool byInitiator,
                                  std::string_view sessionId);

// "candidate:…" (with or without "a=") → a Jingle candidate with `id`; nothing when it is not one.
std::optional<xep::IceCandidate> candidateFromSdp(std::string_view line, std::string id);
// A Jingle candidate as "candidate:…" (no "a="), as RTCIceCandidate's `candidate` takes it; "" when
// any of its fields is not a valid SDP token (or number).
std::string candidateToSdp(const xep::IceCandidate& candidate);

// A token SDP can carry as is: visible ASCII, not empty, at most 256 bytes. Numbers: digits only.
bool sdpToken(std::string_view s);
bool sdpNumber(std::string_view s);

}  // namespace starling::calls
