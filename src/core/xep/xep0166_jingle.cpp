#include "core/xep/xep0166_jingle.h"

#include <array>

#include "core/xml/ns.h"

namespace starling::xep {

namespace {

constexpr std::array<const char*, 15> kActionNames = {
    "session-initiate", "session-accept", "session-terminate", "session-info", "transport-info",
    "content-add", "content-accept", "content-modify", "content-reject", "content-remove", "description-info",
    "security-info", "transport-accept", "transport-reject", "transport-replace"};

}  // namespace

const char* jingleActionName(JingleAction action) {
    const auto i = static_cast<std::size_t>(action);
    return i < kActionNames.size() ? kActionNames[i] : "unknown";
}

JingleAction jingleActionFromName(std::string_view name) {
    for (std::size_t i = 0; i < kActionNames.size(); ++i)
        if (name == kActionNames[i]) return static_cast<JingleAction>(i);
    return JingleAction::Unknown;
}

std::optional<JingleReason> parseJingleReason(const xml::Element& parent) {
    const xml::Element* r = parent.child(ns::kJingle, "reason");
    if (!r) return std::nullopt;
    JingleReason out;
    for (const xml::Element& c : r->children()) {
        if (c.is(ns::kJingle, "text")) out.text = c.text();
        else if (c.ns() == ns::kJingle && out.condition.empty()) out.condition = c.name();
    }
    if (out.condition.empty()) return std::nullopt;
    return out;
}

xml::Element jingleReasonElement(const JingleReason& reason) {
    xml::Element r(ns::kJingle, "reason");
    r.add(ns::kJingle, reason.condition);
    if (!reason.text.empty()) r.addText(ns::kJingle, "text", reason.text);
    return r;
}

std::optional<Jingle> parseJingle(const xml::Element& j) {
    if (!j.is(ns::kJingle, "jingle") || j.attr("sid").empty()) return std::nullopt;
    Jingle out;
    out.action = jingleActionFromName(j.attr("action"));
    if (out.action == JingleAction::Unknown) return std::nullopt;
    out.sid = std::string(j.attr("sid"));
    out.initiator = std::string(j.attr("initiator"));
    out.responder = std::string(j.attr("responder"));
    for (const xml::Element* c : j.childrenNamed(ns::kJingle, "content")) {
        JingleContent content;
        if (c->hasAttr("creator")) content.creator = std::string(c->attr("creator"));
        content.name = std::string(c->attr("name"));
        content.senders = std::string(c->attr("senders"));
        content.disposition = std::string(c->attr("disposition"));
        if (content.name.empty()) return std::nullopt;  // §7.3: name is required
        for (const xml::Element& child : c->children()) {
            if (child.name() == "description") {
                content.description = parseRtpDescription(child);
                content.otherApplication = !content.description;
            } else if (child.name() == "transport") {
                content.transport = parseIceUdpTransport(child);
                content.otherTransport = !content.transport;
            }
        }
        out.contents.push_back(std::move(content));
    }
    out.groups = parseContentGroups(j);
    out.reason = parseJingleReason(j);
    out.info = rtpSessionInfo(j);
    return out;
}

xml::Element jingleElement(const Jingle& j) {
    xml::Element e(ns::kJingle, "jingle");
    e.setAttr("action", jingleActionName(j.action));
    if (!j.initiator.empty()) e.setAttr("initiator", j.initiator);
    if (!j.responder.empty()) e.setAttr("responder", j.responder);
    e.setAttr("sid", j.sid);
    for (const JingleContent& c : j.contents) {
        xml::Element& content = e.add(ns::kJingle, "content");
        content.setAttr("creator", c.creator).setAttr("name", c.name);
        if (!c.senders.empty() && c.senders != "both") content.setAttr("senders", c.senders);
        if (!c.disposition.empty()) content.setAttr("disposition", c.disposition);
        if (c.description) content.add(rtpDescriptionElement(*c.description));
        if (c.transport) content.add(iceUdpTransportElement(*c.transport));
    }
    addContentGroups(e, j.groups);
    if (j.reason) e.add(jingleReasonElement(*j.reason));
    if (!j.info.empty()) e.add(ns::kJingleRtpInfo, j.info);
    return e;
}

xml::Element jingleIq(std::string_view to, const Jingle& jingle) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set").setAttr("to", to);
    iq.add(jingleElement(jingle));
    return iq;
}

}  // namespace starling::xep
