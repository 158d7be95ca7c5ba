#pragma once
// XEP-0030 Service Discovery: our disco#info answer. Modules declare their features; the client
// gathers them into one DiscoInfo.
#include <string>
#include <vector>

#include "core/xml/element.h"

namespace starling::xep {

struct DiscoIdentity {
    std::string category;
    std::string type;
    std::string name;
    std::string lang;  // xml:lang, usually empty
};

struct DiscoInfo {
    std::vector<DiscoIdentity> identities;
    std::vector<std::string> features;  // kept sorted and unique by addFeature()

    void addFeature(const std::string& feature);
    bool hasFeature(const std::string& feature) const;
};

// The identity and base features of Starling (disco#info itself).
DiscoInfo starlingDiscoInfo();

// True for <iq type='get'><query xmlns='disco#info'/></iq>.
bool isDiscoInfoRequest(const xml::Element& iq);
// The result iq for a request (echoes the node attribute, if any).
xml::Element discoInfoResult(const xml::Element& request, const DiscoInfo& info);
// Parses a disco#info <query/> (e.g. a server's answer).
DiscoInfo parseDiscoInfo(const xml::Element& query);

}  // namespace starling::xep
