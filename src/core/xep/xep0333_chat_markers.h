#pragma once
// XEP-0333 Displayed Markers: our messages are <markable/>; a <displayed id/> from the peer marks that
// message and every earlier outgoing one read; we send <displayed/> when the person reads a chat.
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kChatMarkersFeature = "urn:xmpp:chat-markers:0";

void addMarkable(xml::Element& message);
bool isMarkable(const xml::Element& message);
// The id of a <displayed/> marker, or "" when the message carries none.
std::string displayedMarkerFor(const xml::Element& message);
// <message to type id><displayed id=markedId/><store xmlns='urn:xmpp:hints'/></message>
xml::Element displayedMessage(std::string_view to, std::string_view markedId, std::string_view type, std::string_view id);

}  // namespace starling::xep
