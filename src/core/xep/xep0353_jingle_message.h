#pragma once
// XEP-0353 Jingle Message Initiation (0.8): <propose/> (to the callee's bare JID, so all their devices
// ring), <ringing/>, <proceed/>, <reject/>, <retract/>, <finish/> in urn:xmpp:jingle-message:0, each
// with the session id, in a type='chat' message with a <store/> hint. reject, retract and finish carry a
// Jingle <reason/> (0.7+), the tie-break ones a <tie-break/>, a migrated finish <migrated to='sid'/>.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xep/xep0166_jingle.h"
#include "core/xml/element.h"

namespace starling::xep {

enum class JmiAction { Propose, Ringing, Proceed, Reject, Retract, Finish };
const char* jmiActionName(JmiAction action);

struct Jmi {
    JmiAction action = JmiAction::Propose;
    std::string id;                  // the Jingle session id to be
    std::vector<std::string> media;  // propose: one per RTP description (audio, video)
    std::optional<JingleReason> reason;
    bool tieBreak = false;
    std::string migratedTo;          // finish: the session that continues this one
};

// The JMI element of a message, or nothing (also when it has no id).
std::optional<Jmi> parseJmi(const xml::Element& message);
xml::Element jmiElement(const Jmi& jmi);
// <message to type='chat' id><jmi/><store xmlns='urn:xmpp:hints'/></message>
xml::Element jmiMessage(std::string_view to, std::string_view id, const Jmi& jmi);

}  // namespace starling::xep
