#pragma once
// XEP-0338 Jingle Grouping Framework: <group xmlns='urn:xmpp:jingle:apps:grouping:0'
// semantics='BUNDLE'><content name='0'/>…</group> as a child of <jingle/>. SDP: a=group:BUNDLE 0 1.
#include <string>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct ContentGroup {
    std::string semantics;  // BUNDLE, LS
    std::vector<std::string> contents;
    bool operator==(const ContentGroup&) const = default;
};

std::vector<ContentGroup> parseContentGroups(const xml::Element& jingle);
void addContentGroups(xml::Element& jingle, const std::vector<ContentGroup>& groups);

}  // namespace starling::xep
