#pragma once
// XEP-0339 Source-Specific Media Attributes in Jingle: <source ssrc='…'><parameter name='cname'
// value='…'/></source> and <ssrc-group semantics='FID'><source ssrc='…'/>…</ssrc-group> in a
// <description/>. SDP: a=ssrc:<ssrc> <name>[:<value>], a=ssrc-group:<semantics> <ssrc> …
// Conversations and Dino send and expect them (the browser's msid and the rtx FID pairing).
#include <string>
#include <utility>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct SsrcSource {
    std::string ssrc;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value ("" when none)
    bool operator==(const SsrcSource&) const = default;
};

struct SsrcGroup {
    std::string semantics;  // FID, SIM, …
    std::vector<std::string> ssrcs;
    bool operator==(const SsrcGroup&) const = default;
};

struct SsrcAttributes {
    std::vector<SsrcSource> sources;
    std::vector<SsrcGroup> groups;
    bool operator==(const SsrcAttributes&) const = default;
};

SsrcAttributes parseSsrcAttributes(const xml::Element& description);
void addSsrcAttributes(xml::Element& description, const SsrcAttributes& attributes);

}  // namespace starling::xep
