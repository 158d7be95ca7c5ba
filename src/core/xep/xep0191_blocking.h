#pragma once
// XEP-0191 Blocking Command: the payloads. <blocklist/> (get, and its result), <block/> and <unblock/>
// (set by us, and pushed by our server to every resource that asked for the list), each with <item jid/>.
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

inline constexpr std::size_t kBlocklistMax = 10000;  // items taken from one list or push

// <iq type='get'><blocklist xmlns='urn:xmpp:blocking'/></iq>
xml::Element blocklistGetIq();
// <iq type='set'><block|unblock xmlns='urn:xmpp:blocking'><item jid/>…</…></iq>; unblock with no JIDs
// unblocks everyone.
xml::Element blockIq(bool block, const std::vector<std::string>& jids);
// The JIDs of a <blocklist/>, <block/> or <unblock/> element, normalized (bare JIDs or domains; a full
// JID keeps its resource, as the server matches it), invalid ones left out, at most kBlocklistMax.
std::vector<std::string> blockingItems(const xml::Element& payload);

}  // namespace starling::xep
