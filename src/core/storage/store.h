#pragma once
// One small synchronous file store under a root directory: the same code natively (tests) and on the
// IDBFS mount in the browser. Whole-file writes go through temp file + rename; growing files are
// append-only. Durability in the browser comes from Persistence::requestFlush() after writes.
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace starling::storage {

class Store {
public:
    explicit Store(std::string rootDir);

    // Paths are relative ("settings.json", "accounts/alice@x/history/bob@y.log"); ".." is refused.
    Result<std::string> read(std::string_view path) const;  // Error "not-found" when absent
    Result<void> writeAtomic(std::string_view path, std::string_view data);
    Result<void> append(std::string_view path, std::string_view data);
    Result<void> remove(std::string_view path);
    Result<void> removeTree(std::string_view dir);
    Result<std::vector<std::string>> list(std::string_view dir) const;  // file names, sorted
    bool exists(std::string_view path) const;
    const std::string& root() const { return m_root; }

private:
    std::string m_root;
};

}  // namespace starling::storage
