#include "core/xep/xep0167_jingle_rtp.h"

#include "core/xml/ns.h"

namespace starling::xep {

namespace {

void setIf(xml::Element& e, std::string_view name, const std::string& value) {
    if (!value.empty()) e.setAttr(name, value);
}

}  // namespace

std::optional<RtpDescription> parseRtpDescription(const xml::Element& d) {
    if (!d.is(ns::kJingleRtp, "description")) return std::nullopt;
    RtpDescription out;
    out.media = std::string(d.attr("media"));
    out.ssrc = std::string(d.attr("ssrc"));
    for (const xml::Element& c : d.children()) {
        if (c.is(ns::kJingleRtp, "payload-type")) {
            if (c.attr("id").empty()) continue;
            PayloadType p;
            p.id = std::string(c.attr("id"));
            p.name = std::string(c.attr("name"));
            p.clockrate = std::string(c.attr("clockrate"));
            p.channels = std::string(c.attr("channels"));
            p.ptime = std::string(c.attr("ptime"));
            p.maxptime = std::string(c.attr("maxptime"));
            for (const xml::Element* param : c.childrenNamed(ns::kJingleRtp, "parameter"))
                p.parameters.emplace_back(param->attr("name"), param->attr("value"));
            p.feedback = parseRtcpFeedback(c);
            out.payloadTypes.push_back(std::move(p));
        } else if (c.is(ns::kJingleRtp, "rtcp-mux")) {
            out.rtcpMux = true;
        } else if (c.is(ns::kJingleRtp, "bandwidth")) {
            out.bandwidthType = std::string(c.attr("type"));
            out.bandwidth = c.text();
        }
    }
    out.feedback = parseRtcpFeedback(d);
    out.hdrext = parseRtpHeaderExtensions(d);
    out.sources = parseSsrcAttributes(d);
    return out;
}

xml::Element rtpDescriptionElement(const RtpDescription& d) {
    xml::Element e(ns::kJingleRtp, "description");
    e.setAttr("media", d.media);
    setIf(e, "ssrc", d.ssrc);
    for (const PayloadType& p : d.payloadTypes) {
        xml::Element& pt = e.add(ns::kJingleRtp, "payload-type");
        pt.setAttr("id", p.id);
        setIf(pt, "name", p.name);
        setIf(pt, "clockrate", p.clockrate);
        if (!p.channels.empty() && p.channels != "1") pt.setAttr("channels", p.channels);
        setIf(pt, "ptime", p.ptime);
        setIf(pt, "maxptime", p.maxptime);
        for (const auto& [name, value] : p.parameters)
            pt.add(ns::kJingleRtp, "parameter").setAttr("name", name).setAttr("value", value);
        addRtcpFeedback(pt, p.feedback);
    }
    addRtcpFeedback(e, d.feedback);
    addRtpHeaderExtensions(e, d.hdrext);
    addSsrcAttributes(e, d.sources);
    if (!d.bandwidthType.empty()) {
        xml::Element& b = e.add(ns::kJingleRtp, "bandwidth");
        b.setAttr("type", d.bandwidthType).setText(d.bandwidth);
    }
    if (d.rtcpMux) e.add(ns::kJingleRtp, "rtcp-mux");
    return e;
}

std::string rtpSessionInfo(const xml::Element& jingle) {
    for (const xml::Element& c : jingle.children())
        if (c.ns() == ns::kJingleRtpInfo) return c.name();
    return {};
}

}  // namespace starling::xep
