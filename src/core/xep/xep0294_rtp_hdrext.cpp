#include "core/xep/xep0294_rtp_hdrext.h"

#include "core/xml/ns.h"

namespace starling::xep {

RtpHeaderExtensions parseRtpHeaderExtensions(const xml::Element& description) {
    RtpHeaderExtensions out;
    for (const xml::Element& c : description.children()) {
        if (c.is(ns::kJingleRtpHdrExt, "rtp-hdrext") && !c.attr("id").empty() && !c.attr("uri").empty())
            out.extensions.push_back({std::string(c.attr("id")), std::string(c.attr("uri")), std::string(c.attr("senders"))});
        else if (c.is(ns::kJingleRtpHdrExt, "extmap-allow-mixed"))
            out.allowMixed = true;
    }
    return out;
}

void addRtpHeaderExtensions(xml::Element& description, const RtpHeaderExtensions& hdrext) {
    for (const RtpHdrExt& h : hdrext.extensions) {
        xml::Element& e = description.add(ns::kJingleRtpHdrExt, "rtp-hdrext");
        e.setAttr("id", h.id).setAttr("uri", h.uri);
        if (!h.senders.empty() && h.senders != "both") e.setAttr("senders", h.senders);
    }
    if (hdrext.allowMixed) description.add(ns::kJingleRtpHdrExt, "extmap-allow-mixed");
}

}  // namespace starling::xep
