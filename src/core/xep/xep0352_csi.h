#pragma once
// XEP-0352 Client State Indication: tell the server the tab is hidden (inactive) or shown (active), so
// it may hold back presence and chat states. Only when the stream features advertise <csi/>.
#include "core/xml/element.h"

namespace starling::xep {

bool csiAdvertised(const xml::Element& streamFeatures);
// The nonza <active xmlns='urn:xmpp:csi:0'/> or <inactive/>.
xml::Element csiNonza(bool active);

}  // namespace starling::xep
