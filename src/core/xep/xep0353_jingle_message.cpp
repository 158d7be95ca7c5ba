#include "core/xep/xep0353_jingle_message.h"

#include <array>

#include "core/xml/ns.h"

namespace starling::xep {

namespace {
constexpr std::array<const char*, 6> kNames = {"propose", "ringing", "proceed", "reject", "retract", "finish"};
}

const char* jmiActionName(JmiAction action) { return kNames[static_cast<std::size_t>(action)]; }

std::optional<Jmi> parseJmi(const xml::Element& message) {
    for (const xml::Element& c : message.children()) {
        if (c.ns() != ns::kJingleMessage) continue;
        for (std::size_t i = 0; i < kNames.size(); ++i) {
            if (c.name() != kNames[i]) continue;
            if (c.attr("id").empty()) return std::nullopt;
            Jmi out;
            out.action = static_cast<JmiAction>(i);
            out.id = std::string(c.attr("id"));
            for (const xml::Element* d : c.childrenNamed(ns::kJingleRtp, "description"))
                if (!d->attr("media").empty()) out.media.emplace_back(d->attr("media"));
            out.reason = parseJingleReason(c);
            out.tieBreak = c.child(ns::kJingleMessage, "tie-break") != nullptr;
            if (const xml::Element* m = c.child(ns::kJingleMessage, "migrated")) out.migratedTo = std::string(m->attr("to"));
            return out;
        }
    }
    return std::nullopt;
}

xml::Element jmiElement(const Jmi& jmi) {
    xml::Element e(ns::kJingleMessage, jmiActionName(jmi.action));
    e.setAttr("id", jmi.id);
    if (jmi.action == JmiAction::Propose)
        for (const auto& media : jmi.media) e.add(ns::kJingleRtp, "description").setAttr("media", media);
    if (jmi.reason) e.add(jingleReasonElement(*jmi.reason));
    if (jmi.tieBreak) e.add(ns::kJingleMessage, "tie-break");
    if (!jmi.migratedTo.empty()) e.add(ns::kJingleMessage, "migrated").setAttr("to", jmi.migratedTo);
    return e;
}

xml::Element jmiMessage(std::string_view to, std::string_view id, const Jmi& jmi) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to).setAttr("type", "chat").setAttr("id", id);
    m.add(jmiElement(jmi));
    m.add(ns::kHints, "store");
    return m;
}

}  // namespace starling::xep
