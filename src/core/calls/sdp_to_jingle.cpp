// SDP (the browser's offer or answer) → Jingle contents.
#include <algorithm>
#include <map>

#include "core/calls/jingle_sdp.h"
#include "core/calls/sdp_lines.h"

namespace starling::calls {

namespace {

// What the session level says for every media section (Firefox puts ICE and DTLS there).
struct SessionDefaults {
    std::string ufrag, pwd, setup;
    std::optional<xep::DtlsFingerprint> fingerprint;
    bool allowMixed = false;
};

struct Section {
    xep::JingleContent content;
    std::vector<std::string> order;  // payload ids of the m= line
    std::map<std::string, xep::PayloadType> types;
    std::string msid;  // a=msid (media level)
    bool rtp = false;
};

std::string sendersOf(std::string_view direction, bool byInitiator) {
    const char* self = byInitiator ? "initiator" : "responder";
    const char* other = byInitiator ? "responder" : "initiator";
    if (direction == "sendonly") return self;
    if (direction == "recvonly") return other;
    if (direction == "inactive") return "none";
    return "both";
}

xep::PayloadType& typeOf(Section& s, std::string_view id) {
    xep::PayloadType& p = s.types[std::string(id)];
    p.id = std::string(id);
    return p;
}

void parseFmtp(xep::PayloadType& p, std::string_view params) {
    while (!params.empty()) {
        const std::size_t end = params.find(';');
        std::string_view item = params.substr(0, end);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            if (eq == std::string_view::npos) p.parameters.emplace_back("", std::string(item));
            else p.parameters.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
        }
        if (end == std::string_view::npos) break;
        params.remove_prefix(end + 1);
    }
}

void parseMediaLine(Section& s, std::string_view line, bool byInitiator, std::uint32_t* candidateIds) {
    xep::JingleContent& c = s.content;
    xep::RtpDescription& d = *c.description;
    xep::IceUdpTransport& t = *c.transport;
    std::string_view v;
    if (attribute(line, "mid", v)) c.name = std::string(v);
    else if (attribute(line, "ice-ufrag", v)) t.ufrag = std::string(v);
    else if (attribute(line, "ice-pwd", v)) t.pwd = std::string(v);
    else if (attribute(line, "fingerprint", v)) {
        const auto f = splitSpaces(v);
        if (f.size() == 2) {
            const std::string setup = t.fingerprint ? t.fingerprint->setup : std::string();
            t.fingerprint = xep::DtlsFingerprint{lower(f[0]), setup, std::string(f[1])};
        }
    } else if (attribute(line, "setup", v)) {
        if (!t.fingerprint) t.fingerprint = xep::DtlsFingerprint{};
        t.fingerprint->setup = std::string(v);
    } else if (flag(line, "sendrecv") || flag(line, "sendonly") || flag(line, "recvonly") || flag(line, "inactive")) {
        c.senders = sendersOf(line.substr(2), byInitiator);
    } else if (flag(line, "rtcp-mux")) {
        d.rtcpMux = true;
    } else if (flag(line, "extmap-allow-mixed")) {
        d.hdrext.allowMixed = true;
    } else if (attribute(line, "msid", v)) {
        s.msid = std::string(v);
    } else if (attribute(line, "extmap", v)) {
        const auto f = splitSpaces(v);
        if (f.size() >= 2) {
            std::string_view id = f[0], direction;
            if (const std::size_t slash = id.find('/'); slash != std::string_view::npos) {
                direction = id.substr(slash + 1);
                id = id.substr(0, slash);
            }
            const std::string senders = direction.empty() ? "" : sendersOf(direction, byInitiator);
            d.hdrext.extensions.push_back({std::string(id), std::string(f[1]), senders == "both" ? "" : senders});
        }
    } else if (attribute(line, "rtpmap", v)) {
        const auto f = splitSpaces(v);
        if (f.size() == 2) {
            xep::PayloadType& p = typeOf(s, f[0]);
            std::string_view enc = f[1];
            const std::size_t a = enc.find('/');
            p.name = std::string(enc.substr(0, a));
            if (a != std::string_view::npos) {
                std::string_view rest = enc.substr(a + 1);
                const std::size_t b = rest.find('/');
                p.clockrate = std::string(rest.substr(0, b));
                if (b != std::string_view::npos) p.channels = std::string(rest.substr(b + 1));
            }
        }
    } else if (attribute(line, "fmtp", v)) {
        const std::size_t sp = v.find(' ');
        if (sp != std::string_view::npos) parseFmtp(typeOf(s, v.substr(0, sp)), v.substr(sp + 1));
    } else if (attribute(line, "rtcp-fb", v)) {
        const auto f = splitSpaces(v);
        if (f.size() >= 2) {
            xep::RtcpFeedback& fb = f[0] == "*" ? d.feedback : typeOf(s, f[0]).feedback;
            if (f[1] == "trr-int" && f.size() >= 3) fb.trrInt = std::string(f[2]);
            else fb.fb.push_back({std::string(f[1]), f.size() >= 3 ? std::string(f[2]) : std::string()});
        }
    } else if (attribute(line, "ssrc-group", v)) {
        const auto f = splitSpaces(v);
        if (f.size() >= 2) {
            xep::SsrcGroup g{std::string(f[0]), {}};
            for (std::size_t i = 1; i < f.size(); ++i) g.ssrcs.emplace_back(f[i]);
            d.sources.groups.push_back(std::move(g));
        }
    } else if (attribute(line, "ssrc", v)) {
        const std::size_t sp = v.find(' ');
        if (sp == std::string_view::npos) return;
        const std::string ssrc(v.substr(0, sp));
        std::string_view attr = v.substr(sp + 1);
        const std::size_t colon = attr.find(':');
        auto& sources = d.sources.sources;
        auto it = std::find_if(sources.begin(), sources.end(), [&](const xep::SsrcSource& x) { return x.ssrc == ssrc; });
        if (it == sources.end()) it = sources.insert(sources.end(), xep::SsrcSource{ssrc, {}});
        it->parameters.emplace_back(std::string(attr.substr(0, colon)),
                                    colon == std::string_view::npos ? std::string() : std::string(attr.substr(colon + 1)));
    } else if (attribute(line, "candidate", v)) {
        const std::uint32_t n = candidateIds ? (*candidateIds)++ : static_cast<std::uint32_t>(t.candidates.size());
        if (auto k = candidateFromSdp(line, "c" + std::to_string(n))) t.candidates.push_back(std::move(*k));
    } else if (line.substr(0, 5) == "b=AS:" || line.substr(0, 7) == "b=TIAS:") {
        const std::size_t colon = line.find(':');
        d.bandwidthType = std::string(line.substr(2, colon - 2));
        d.bandwidth = std::string(line.substr(colon + 1));
    }
}

Result<xep::JingleContent> finish(Section& s, const SessionDefaults& defaults) {
    xep::JingleContent& c = s.content;
    xep::RtpDescription& d = *c.description;
    xep::IceUdpTransport& t = *c.transport;
    if (c.name.empty()) return makeError("bad-sdp", "media section without a=mid");
    if (t.ufrag.empty()) t.ufrag = defaults.ufrag;
    if (t.pwd.empty()) t.pwd = defaults.pwd;
    if (!t.fingerprint && defaults.fingerprint) t.fingerprint = defaults.fingerprint;
    if (t.fingerprint && t.fingerprint->setup.empty()) t.fingerprint->setup = defaults.setup;
    if (t.ufrag.empty() || t.pwd.empty()) return makeError("bad-sdp", "media section " + c.name + " without ICE credentials");
    if (!t.fingerprint || t.fingerprint->value.empty())
        return makeError("bad-sdp", "media section " + c.name + " without a DTLS fingerprint");
    if (defaults.allowMixed) d.hdrext.allowMixed = true;
    for (const std::string& id : s.order) {
        auto it = s.types.find(id);
        xep::PayloadType p = it != s.types.end() ? it->second : xep::PayloadType{};
        p.id = id;
        d.payloadTypes.push_back(std::move(p));
    }
    // The browser's a=msid names the track; Conversations reads it from the sources' msid parameter.
    if (!s.msid.empty())
        for (auto& source : d.sources.sources) {
            const bool has = std::any_of(source.parameters.begin(), source.parameters.end(),
                                         [](const auto& p) { return p.first == "msid"; });
            if (!has) source.parameters.emplace_back("msid", s.msid);
        }
    if (c.senders == "both") c.senders.clear();
    return c;
}

}  // namespace

Result<JingleSdp> jingleFromSdp(std::string_view sdp, bool byInitiator, std::uint32_t* candidateIds) {
    JingleSdp out;
    SessionDefaults defaults;
    std::vector<Section> sections;
    for (std::string_view line : sdpLines(sdp)) {
        std::string_view v;
        if (line.substr(0, 2) == "m=") {
            const auto f = splitSpaces(line.substr(2));
            Section s;
            s.rtp = f.size() >= 4 && (f[0] == "audio" || f[0] == "video") && f[2].find("RTP") != std::string_view::npos;
            s.content.description = xep::RtpDescription{};
            s.content.description->media = f.empty() ? std::string() : std::string(f[0]);
            s.content.transport = xep::IceUdpTransport{};
            s.content.creator = "initiator";
            for (std::size_t i = 3; i < f.size(); ++i) s.order.emplace_back(f[i]);
            // Port 0: a section the answer rejects (or a stopped transceiver) carries no media.
            if (f.size() >= 2 && f[1] == "0") s.content.senders = "none";
            sections.push_back(std::move(s));
            continue;
        }
        if (!sections.empty()) {
            parseMediaLine(sections.back(), line, byInitiator, candidateIds);
            continue;
        }
        if (attribute(line, "group", v)) {
            const auto f = splitSpaces(v);
            if (f.empty()) continue;
            xep::ContentGroup g{std::string(f[0]), {}};
            for (std::size_t i = 1; i < f.size(); ++i) g.contents.emplace_back(f[i]);
            out.groups.push_back(std::move(g));
        } else if (attribute(line, "ice-ufrag", v)) defaults.ufrag = std::string(v);
        else if (attribute(line, "ice-pwd", v)) defaults.pwd = std::string(v);
        else if (attribute(line, "setup", v)) defaults.setup = std::string(v);
        else if (attribute(line, "fingerprint", v)) {
            const auto f = splitSpaces(v);
            if (f.size() == 2) defaults.fingerprint = xep::DtlsFingerprint{lower(f[0]), "", std::string(f[1])};
        } else if (flag(line, "extmap-allow-mixed")) defaults.allowMixed = true;
    }
    if (defaults.fingerprint) defaults.fingerprint->setup = defaults.setup;
    for (Section& s : sections) {
        if (!s.rtp) {  // a data channel or another protocol: not ours; out of the groups too
            for (auto& g : out.groups) std::erase(g.contents, s.content.name);
            continue;
        }
        auto c = finish(s, defaults);
        if (!c) return c.error();
        out.contents.push_back(std::move(*c));
    }
    if (out.contents.empty()) return makeError("bad-sdp", "no audio or video section");
    return out;
}

}  // namespace starling::calls
