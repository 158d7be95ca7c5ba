#include "core/xep/xep0293_rtcp_fb.h"

#include "core/xml/ns.h"

namespace starling::xep {

RtcpFeedback parseRtcpFeedback(const xml::Element& parent) {
    RtcpFeedback out;
    for (const xml::Element& c : parent.children()) {
        if (c.is(ns::kJingleRtcpFb, "rtcp-fb") && !c.attr("type").empty())
            out.fb.push_back({std::string(c.attr("type")), std::string(c.attr("subtype"))});
        else if (c.is(ns::kJingleRtcpFb, "rtcp-fb-trr-int") && !c.attr("value").empty())
            out.trrInt = std::string(c.attr("value"));
    }
    return out;
}

void addRtcpFeedback(xml::Element& parent, const RtcpFeedback& feedback) {
    for (const RtcpFb& f : feedback.fb) {
        xml::Element& e = parent.add(ns::kJingleRtcpFb, "rtcp-fb");
        e.setAttr("type", f.type);
        if (!f.subtype.empty()) e.setAttr("subtype", f.subtype);
    }
    if (feedback.trrInt) parent.add(ns::kJingleRtcpFb, "rtcp-fb-trr-int").setAttr("value", *feedback.trrInt);
}

}  // namespace starling::xep
