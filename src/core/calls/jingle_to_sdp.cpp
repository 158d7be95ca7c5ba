// Jingle contents → SDP for the browser (setRemoteDescription), in the order and form Chromium writes.
// Every value taken from the peer's Jingle is checked (sdpToken/sdpNumber): an item that fails is left
// out, a content left without payload types, ICE credentials or fingerprint is an error.
#include <algorithm>

#include "core/calls/jingle_sdp.h"
#include "core/calls/sdp_lines.h"

namespace starling::calls {

namespace {

std::string directionOf(const std::string& senders, bool byInitiator) {
    const char* self = byInitiator ? "initiator" : "responder";
    if (senders.empty() || senders == "both") return "sendrecv";
    if (senders == "none") return "inactive";
    return senders == self ? "sendonly" : "recvonly";
}

// fmtp values may hold '/', ',', '=' (red's "111/111", profile-level-id) but no ';' nor space.
bool fmtpValue(std::string_view s) { return sdpToken(s) && s.find(';') == std::string_view::npos; }

// 0–127 (RFC 3551 payload types; no exception-throwing conversion in the core).
bool payloadId(std::string_view id) {
    if (!sdpNumber(id) || id.size() > 3) return false;
    int v = 0;
    for (char c : id) v = v * 10 + (c - '0');
    return v <= 127;
}

std::string sessionNumber(std::string_view id) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a: the same sid gives the same o= line
    for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return std::to_string(h >> 2);  // < 2^62: fits the signed 64-bit integer browsers parse
}

void addFeedback(std::string& out, const std::string& pt, const xep::RtcpFeedback& fb) {
    for (const auto& f : fb.fb) {
        if (!sdpToken(f.type) || (!f.subtype.empty() && !sdpToken(f.subtype))) continue;
        out += "a=rtcp-fb:" + pt + " " + f.type + (f.subtype.empty() ? "" : " " + f.subtype) + "\r\n";
    }
    if (fb.trrInt && sdpNumber(*fb.trrInt)) out += "a=rtcp-fb:" + pt + " trr-int " + *fb.trrInt + "\r\n";
}

// a=ssrc-group and a=ssrc lines (XEP-0339). A group naming an SSRC that has no line of its own (StanzaJS
// sends the FID group of a video's retransmission SSRC but only the first source) gets one with the
// group's CNAME, as Chromium writes it; without a CNAME to give it the group is left out (the browser
// refuses a description whose group names an SSRC it does not know).
std::string sourceLines(const xep::SsrcAttributes& sources) {
    std::string lines;
    std::vector<std::pair<std::string, std::string>> known;  // ssrc, its cname ("" if none)
    for (const auto& s : sources.sources) {
        if (!sdpNumber(s.ssrc)) continue;
        std::string cname;
        bool any = false;
        for (const auto& [name, value] : s.parameters) {
            if (!sdpToken(name) || name.find(':') != std::string::npos) continue;
            // msid's value is "stream track": one space allowed, nothing else.
            const auto f = splitSpaces(value);
            const bool ok = value.empty() || (std::all_of(f.begin(), f.end(), sdpToken) &&
                                              (f.size() == 1 || (name == "msid" && f.size() == 2)) &&
                                              value.find("  ") == std::string::npos && value.front() != ' ' && value.back() != ' ');
            if (!ok) continue;
            lines += "a=ssrc:" + s.ssrc + " " + name + (value.empty() ? "" : ":" + value) + "\r\n";
            any = true;
            if (name == "cname") cname = value;
        }
        if (any) known.emplace_back(s.ssrc, cname);
    }
    const auto find = [&](const std::string& ssrc) {
        return std::find_if(known.begin(), known.end(), [&](const auto& k) { return k.first == ssrc; });
    };
    std::string groups;
    for (const auto& g : sources.groups) {
        if (!sdpToken(g.semantics) || g.ssrcs.empty() || !std::all_of(g.ssrcs.begin(), g.ssrcs.end(), sdpNumber)) continue;
        std::string cname;
        for (const auto& ssrc : g.ssrcs)
            if (auto k = find(ssrc); k != known.end() && cname.empty()) cname = k->second;
        const bool complete = std::all_of(g.ssrcs.begin(), g.ssrcs.end(), [&](const auto& x) { return find(x) != known.end(); });
        if (!complete && cname.empty()) continue;
        for (const auto& ssrc : g.ssrcs) {
            if (find(ssrc) != known.end()) continue;
            lines += "a=ssrc:" + ssrc + " cname:" + cname + "\r\n";
            known.emplace_back(ssrc, cname);
        }
        groups += "a=ssrc-group:" + g.semantics;
        for (const auto& ssrc : g.ssrcs) groups += " " + ssrc;
        groups += "\r\n";
    }
    return groups + lines;
}

Result<std::string> mediaSection(const xep::JingleContent& c, bool byInitiator, bool mixedAtSessionLevel) {
    if (!c.description || !c.transport) return makeError("bad-jingle", "content " + c.name + " is not RTP over ICE-UDP");
    const xep::RtpDescription& d = *c.description;
    const xep::IceUdpTransport& t = *c.transport;
    if (!sdpToken(c.name) || (d.media != "audio" && d.media != "video"))
        return makeError("bad-jingle", "content with a bad name or media");
    if (!sdpToken(t.ufrag) || !sdpToken(t.pwd)) return makeError("bad-jingle", "content " + c.name + " without ICE credentials");
    if (!t.fingerprint || !sdpToken(t.fingerprint->hash) || !sdpToken(t.fingerprint->value))
        return makeError("bad-jingle", "content " + c.name + " without a DTLS fingerprint");
    std::vector<const xep::PayloadType*> types;
    for (const auto& p : d.payloadTypes) {
        if (!payloadId(p.id)) continue;
        if (!p.name.empty() && !sdpToken(p.name)) continue;
        if (!p.clockrate.empty() && !sdpNumber(p.clockrate)) continue;
        if (!p.channels.empty() && !sdpNumber(p.channels)) continue;
        types.push_back(&p);
    }
    if (types.empty()) return makeError("bad-jingle", "content " + c.name + " without payload types");

    std::string out = "m=" + d.media + " 9 UDP/TLS/RTP/SAVPF";
    for (const auto* p : types) out += " " + p->id;
    out += "\r\nc=IN IP4 0.0.0.0\r\n";
    if (!d.bandwidthType.empty() && sdpToken(d.bandwidthType) && sdpNumber(d.bandwidth))
        out += "b=" + d.bandwidthType + ":" + d.bandwidth + "\r\n";
    out += "a=rtcp:9 IN IP4 0.0.0.0\r\n";
    for (const auto& k : t.candidates) {
        const std::string line = candidateToSdp(k);
        if (!line.empty()) out += "a=" + line + "\r\n";
    }
    out += "a=ice-ufrag:" + t.ufrag + "\r\na=ice-pwd:" + t.pwd + "\r\na=ice-options:trickle\r\n";
    out += "a=fingerprint:" + t.fingerprint->hash + " " + t.fingerprint->value + "\r\n";
    // No role said (older clients): an offer's is actpass, an answer's active.
    const std::string& setup = t.fingerprint->setup;
    out += "a=setup:" + (sdpToken(setup) ? setup : std::string(byInitiator ? "actpass" : "active")) + "\r\n";
    out += "a=mid:" + c.name + "\r\n";
    for (const auto& h : d.hdrext.extensions) {
        if (!sdpNumber(h.id) || !sdpToken(h.uri)) continue;
        std::string dir = h.senders.empty() || h.senders == "both" ? "" : "/" + directionOf(h.senders, byInitiator);
        out += "a=extmap:" + h.id + dir + " " + h.uri + "\r\n";
    }
    out += "a=" + directionOf(c.senders, byInitiator) + "\r\n";
    for (const auto& s : d.sources.sources) {
        auto msid = std::find_if(s.parameters.begin(), s.parameters.end(), [](const auto& p) { return p.first == "msid"; });
        if (msid == s.parameters.end()) continue;
        const auto f = splitSpaces(msid->second);
        if (!f.empty() && f.size() <= 2 && std::all_of(f.begin(), f.end(), sdpToken)) out += "a=msid:" + msid->second + "\r\n";
        break;
    }
    if (d.rtcpMux) out += "a=rtcp-mux\r\n";
    if (d.media == "video") out += "a=rtcp-rsize\r\n";
    if (d.hdrext.allowMixed && !mixedAtSessionLevel) out += "a=extmap-allow-mixed\r\n";
    for (const auto* p : types) {
        if (!p->name.empty()) {
            out += "a=rtpmap:" + p->id + " " + p->name + "/" + (p->clockrate.empty() ? "8000" : p->clockrate);
            if (!p->channels.empty() && p->channels != "1") out += "/" + p->channels;
            out += "\r\n";
        }
        addFeedback(out, p->id, p->feedback);
        std::string fmtp;
        for (const auto& [name, value] : p->parameters) {
            if (!fmtpValue(value) || (!name.empty() && !fmtpValue(name))) continue;
            fmtp += (fmtp.empty() ? "" : ";") + (name.empty() ? value : name + "=" + value);
        }
        if (!fmtp.empty()) out += "a=fmtp:" + p->id + " " + fmtp + "\r\n";
    }
    addFeedback(out, "*", d.feedback);
    out += sourceLines(d.sources);
    return out;
}

}  // namespace

Result<std::string> sdpFromJingle(const std::vector<xep::JingleContent>& contents,
                                  const std::vector<xep::ContentGroup>& groups, bool byInitiator,
                                  std::string_view sessionId) {
    if (contents.empty()) return makeError("bad-jingle", "no contents");
    const bool mixed = std::all_of(contents.begin(), contents.end(), [](const xep::JingleContent& c) {
        return c.description && c.description->hdrext.allowMixed;
    });
    std::string out = "v=0\r\no=- " + sessionNumber(sessionId) + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    for (const auto& g : groups) {
        if (!sdpToken(g.semantics) || !std::all_of(g.contents.begin(), g.contents.end(), sdpToken)) continue;
        out += "a=group:" + g.semantics;
        for (const auto& name : g.contents) out += " " + name;
        out += "\r\n";
    }
    if (mixed) out += "a=extmap-allow-mixed\r\n";
    out += "a=msid-semantic: WMS *\r\n";
    for (const auto& c : contents) {
        auto section = mediaSection(c, byInitiator, mixed);
        if (!section) return section.error();
        out += *section;
    }
    return out;
}

}  // namespace starling::calls
