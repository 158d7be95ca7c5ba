#include "core/xep/xep0280_carbons.h"

#include "core/jid/jid.h"
#include "core/xep/xep0297_forward.h"
#include "core/xml/ns.h"

namespace starling::xep {

xml::Element carbonsEnableIq() {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "set");
    iq.add(ns::kCarbons, "enable");
    return iq;
}

bool isCarbon(const xml::Element& message) {
    return message.child(ns::kCarbons, "sent") != nullptr || message.child(ns::kCarbons, "received") != nullptr;
}

Result<Carbon> parseCarbon(const xml::Element& message, std::string_view ownBareJid) {
    const auto sent = message.childrenNamed(ns::kCarbons, "sent");
    const auto received = message.childrenNamed(ns::kCarbons, "received");
    if (sent.size() + received.size() != 1) return makeError("malformed", "expected one <sent/> or <received/>");
    // §11: only our own server, speaking for our bare JID, may send carbons.
    auto from = jid::Jid::parse(message.attr("from"));
    if (!from || !from->isBare() || ownBareJid.empty() || from->bareString() != ownBareJid)
        return makeError("forged", "carbon not from our own bare JID");
    Carbon c;
    c.direction = sent.empty() ? CarbonDirection::Received : CarbonDirection::Sent;
    auto fwd = parseForwarded(sent.empty() ? *received[0] : *sent[0]);
    if (!fwd) return fwd.error();
    c.message = fwd->message;
    c.forwarded = fwd->wrapper;
    // One level deep: a forwarded copy that itself wraps a carbon or a forward is refused.
    if (isCarbon(*c.message) || c.message->child(ns::kForward, "forwarded") != nullptr)
        return makeError("nested", "carbon wraps another forwarded stanza");
    for (const auto& child : c.message->children())
        if (child.ns() == ns::kMam && child.name() == "result") return makeError("nested", "carbon wraps an archive result");
    if (c.message->attr("type") == "groupchat") return makeError("groupchat", "carbon of a groupchat message");
    return c;
}

void addPrivate(xml::Element& message) {
    message.removeChildren(ns::kCarbons, "private");
    message.removeChildren(ns::kHints, "no-copy");
    message.add(ns::kCarbons, "private");
    message.add(ns::kHints, "no-copy");
}

}  // namespace starling::xep
