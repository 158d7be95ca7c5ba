#pragma once
// XEP-0363 HTTP File Upload payloads: finding the service (disco#items of our server, then disco#info
// of each item: identity store/file and the feature), its max-file-size, the slot request and the slot.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

struct UploadService {
    std::string jid;
    std::uint64_t maxFileSize = 0;  // 0: the service states no limit
};

struct UploadSlot {
    std::string putUrl;
    std::string getUrl;
    // Only the headers XEP-0363 §5 lets a client pass on (Authorization, Cookie, Expires), with no line
    // breaks in their values; anything else the service put in the slot is dropped.
    std::vector<std::pair<std::string, std::string>> headers;
};

xml::Element discoItemsIq(const std::string& to);
// The JIDs of a disco#items <query/>'s items.
std::vector<std::string> discoItemJids(const xml::Element& query);
// An upload service when this disco#info <query/> is one (feature urn:xmpp:http:upload:0), with the
// max-file-size of its urn:xmpp:http:upload:0 form.
std::optional<UploadService> uploadServiceFrom(const std::string& jid, const xml::Element& query);

xml::Element slotRequestIq(const std::string& service, const std::string& filename, std::uint64_t size,
                           const std::string& contentType);
// The slot of a result <iq/>: both URLs present and absolute http(s) URLs, headers filtered.
Result<UploadSlot> parseSlot(const xml::Element& iq);
// The limit a file-too-large error states (0 when none).
std::uint64_t fileTooLargeLimit(const xml::Element& errorIq);

}  // namespace starling::xep
