#include "core/modules/search_module.h"

#include "core/search/text_match.h"

namespace starling::modules {

void SearchModule::search(const std::string& query) {
    m_searcher.reset();
    m_core.state.search = model::Search{};
    if (!search::parseQuery(query).empty()) {
        // A new query always starts over (a running search is dropped); blank clears.
        m_core.state.search.query = query;
        m_searcher = std::make_unique<search::HistorySearch>(m_core.p.store, m_core.account, query);
        m_core.state.search.running = !m_searcher->done();
    }
    m_core.touch();
}

void SearchModule::step() {
    model::Search& s = m_core.state.search;
    if (!s.running) return;
    if (!m_searcher || m_searcher->account() != m_core.account) {
        // Logged out or switched accounts since it started: its results are not this account's.
        m_searcher.reset();
        s = model::Search{};
        m_core.touch();
        return;
    }
    if (m_searcher->step(search::kStepBytes)) s.hits = m_searcher->hits();
    s.truncated = m_searcher->truncated();
    s.scanned = m_searcher->scanned();
    if (m_searcher->done()) {
        s.running = false;
        m_searcher.reset();
    }
    m_core.touch();
}

}  // namespace starling::modules
