#include "core/im/archive_sync.h"

#include "core/storage/formats.h"
#include "core/util/json.h"

namespace starling::im {

std::string archiveCursorPath(std::string_view account) { return storage::accountDir(account) + "/archive.json"; }

std::string encodeArchiveCursor(const ArchiveCursor& c) {
    Json v = Json::object();
    v.set("last", c.lastId);
    v.set("stamp", Json(static_cast<std::int64_t>(c.stampMs)));
    if (c.archiveStart) v.set("start", Json(true));
    return v.dump() + "\n";
}

std::optional<ArchiveCursor> decodeArchiveCursor(std::string_view text) {
    auto v = Json::parse(text);
    if (!v || !v->isObject()) return std::nullopt;
    ArchiveCursor c;
    c.lastId = v->getString("last");
    c.stampMs = v->getInt("stamp");
    c.archiveStart = c.lastId.empty() && v->getBool("start");
    if (c.lastId.empty() && !c.archiveStart) return std::nullopt;
    return c;
}

}  // namespace starling::im
