#pragma once
// Full-text search over the account's local history (State::search), a bounded slice per step() so the
// UI never stalls.
#include <memory>
#include <string>

#include "core/modules/module.h"
#include "core/search/history_search.h"

namespace starling::modules {

class SearchModule : public Module {
public:
    explicit SearchModule(Core& core) : Module(core) {}
    const char* name() const override { return "search"; }
    void search(const std::string& query);
    void step();

private:
    std::unique_ptr<search::HistorySearch> m_searcher;
};

}  // namespace starling::modules
