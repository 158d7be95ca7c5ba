#pragma once
// XEP-0115 Entity Capabilities: the verification string of our disco#info (identities and features, no
// extended forms), its SHA-1 hash, and the <c/> element every available presence carries. Servers and
// contacts resolve node#ver with a disco#info query, which the client answers with the same DiscoInfo.
#include <string>
#include <string_view>

#include "core/xep/xep0030_disco.h"
#include "core/xml/element.h"

namespace starling::xep {

inline constexpr const char* kCapsFeature = "http://jabber.org/protocol/caps";
inline constexpr const char* kStarlingCapsNode = "https://starling.chat/caps";

// §5.1 steps 1–7: "category/type/lang/name<" per identity (sorted), then "feature<" per feature (sorted).
std::string capsVerificationString(const DiscoInfo& info);
// base64(SHA-1(verification string)).
std::string capsVer(const DiscoInfo& info);
// <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node ver/>.
xml::Element capsElement(std::string_view node, std::string_view ver);

}  // namespace starling::xep
