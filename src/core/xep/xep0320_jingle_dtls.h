#pragma once
// XEP-0320 Use of DTLS-SRTP in Jingle Sessions: <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0'
// hash='sha-256' setup='actpass'>AB:CD:…</fingerprint> inside the ICE-UDP <transport/>.
// SDP: a=fingerprint:<hash> <value>, a=setup:<role>.
#include <optional>
#include <string>

#include "core/xml/element.h"

namespace starling::xep {

struct DtlsFingerprint {
    std::string hash;   // sha-256, …
    std::string setup;  // actpass, active, passive
    std::string value;  // colon-separated hex, as sent (whitespace trimmed)
    bool operator==(const DtlsFingerprint&) const = default;
};

std::optional<DtlsFingerprint> parseDtlsFingerprint(const xml::Element& transport);
void addDtlsFingerprint(xml::Element& transport, const DtlsFingerprint& fingerprint);

}  // namespace starling::xep
