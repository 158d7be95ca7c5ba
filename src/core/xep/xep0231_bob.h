#pragma once
// XEP-0231 Bits of Binary: small data carried in a stanza (<data xmlns='urn:xmpp:bob' cid=… type=…>
// base64</data>) and named by a cid: URI, e.g. a CAPTCHA picture in a registration form (XEP-0158).
#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

struct BobData {
    std::string cid;   // sha1+8f35fef1…@bob.xmpp.org
    std::string mime;  // the type attribute
    std::string bytes;
};

// XEP-0231 asks for data under 8 KiB in a stanza; real CAPTCHAs are a few KiB. More is refused.
inline constexpr std::size_t kMaxBobBytes = 64 * 1024;

// "cid:X" → "X"; anything else → "".
std::string_view cidOfUri(std::string_view uri);

// Parses one <data/>. Errors: "bad-payload" (no cid, not base64), "too-large".
Result<BobData> parseBob(const xml::Element& data, std::size_t maxBytes = kMaxBobBytes);

// The <data/> with this cid among `scope`'s children and grandchildren (a BoB rides in the iq or in its
// query); Error "item-not-found" when none.
Result<BobData> findBob(const xml::Element& scope, std::string_view cid, std::size_t maxBytes = kMaxBobBytes);

}  // namespace starling::xep
