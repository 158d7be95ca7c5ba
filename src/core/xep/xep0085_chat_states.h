#pragma once
// XEP-0085 Chat State Notifications: the peer's state (shown as "typing…"), ours sent to roster contacts.
#include <optional>
#include <string_view>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kChatStatesFeature = "http://jabber.org/protocol/chatstates";

// The state a message carries (the first of active/composing/paused/inactive/gone), if any.
std::optional<model::ChatState> chatStateOf(const xml::Element& message);
const char* chatStateName(model::ChatState state);
void addChatState(xml::Element& message, model::ChatState state);
// A standalone notification: <message to type='chat'><composing xmlns=chatstates/><no-store/></message>.
xml::Element chatStateMessage(std::string_view to, model::ChatState state, std::string_view id);

}  // namespace starling::xep
