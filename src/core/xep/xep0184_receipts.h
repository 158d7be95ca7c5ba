#pragma once
// XEP-0184 Message Delivery Receipts: request one on our messages; answer requests (the client decides
// to whom: roster contacts only); read receipts that mark our message Delivered.
#include <string>
#include <string_view>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kReceiptsFeature = "urn:xmpp:receipts";

void addReceiptRequest(xml::Element& message);
bool receiptRequested(const xml::Element& message);
// The id of <received xmlns='urn:xmpp:receipts' id/>, or "" when the message is no receipt.
std::string receiptFor(const xml::Element& message);
// <message to type id><received id=ackedId/><store xmlns='urn:xmpp:hints'/></message>
xml::Element receiptMessage(std::string_view to, std::string_view ackedId, std::string_view type, std::string_view id);

}  // namespace starling::xep
