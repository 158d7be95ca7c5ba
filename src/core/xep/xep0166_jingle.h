#pragma once
// XEP-0166 Jingle: <jingle xmlns='urn:xmpp:jingle:1' action sid initiator responder> with its contents
// (RTP description, XEP-0167; ICE-UDP transport, XEP-0176), grouping (XEP-0338), the <reason/> of a
// session-terminate (also used by XEP-0353) and session-info payloads. Only RTP over ICE-UDP is ours:
// a content with another application or transport keeps neither (and is refused by the call logic).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xep/xep0167_jingle_rtp.h"
#include "core/xep/xep0176_jingle_ice.h"
#include "core/xep/xep0338_grouping.h"
#include "core/xml/element.h"

namespace starling::xep {

enum class JingleAction {
    SessionInitiate, SessionAccept, SessionTerminate, SessionInfo, TransportInfo,
    ContentAdd, ContentAccept, ContentModify, ContentReject, ContentRemove, DescriptionInfo,
    SecurityInfo, TransportAccept, TransportReject, TransportReplace, Unknown
};
const char* jingleActionName(JingleAction action);
JingleAction jingleActionFromName(std::string_view name);

// §7.4: one condition (success, busy, decline, cancel, expired, gone, connectivity-error,
// failed-application, failed-transport, general-error, timeout, …) and an optional text.
struct JingleReason {
    std::string condition;
    std::string text;
    bool operator==(const JingleReason&) const = default;
};
std::optional<JingleReason> parseJingleReason(const xml::Element& parent);  // <reason/> child of parent
xml::Element jingleReasonElement(const JingleReason& reason);

struct JingleContent {
    std::string creator = "initiator";
    std::string name;
    std::string senders;  // "" = both
    std::string disposition;
    std::optional<RtpDescription> description;
    std::optional<IceUdpTransport> transport;
    bool otherApplication = false;  // a description of another namespace (file transfer, …)
    bool otherTransport = false;
    bool operator==(const JingleContent&) const = default;
};

struct Jingle {
    JingleAction action = JingleAction::Unknown;
    std::string sid;
    std::string initiator;
    std::string responder;
    std::vector<JingleContent> contents;
    std::vector<ContentGroup> groups;
    std::optional<JingleReason> reason;
    std::string info;  // session-info: the RTP info payload's name (ringing, mute, …), "" when none
};

std::optional<Jingle> parseJingle(const xml::Element& jingle);
xml::Element jingleElement(const Jingle& jingle);
// <iq type='set' to><jingle …/></iq> (the session sets the id).
xml::Element jingleIq(std::string_view to, const Jingle& jingle);

}  // namespace starling::xep
