// Full-text search over local history (State::search), run by search::HistorySearch over the account's
// history files a slice per searchStep() call.
#include "core/client.h"
#include "core/client_impl.h"
#include "core/search/text_match.h"

namespace starling {

void Client::search(const std::string& query) {
    Impl& d = *m_impl;
    d.searcher.reset();
    d.state.search = model::Search{};
    if (!search::parseQuery(query).empty()) {
        // A new query always starts over (a running search is dropped); blank clears.
        d.state.search.query = query;
        d.searcher = std::make_unique<search::HistorySearch>(d.p.store, d.account, query);
        d.state.search.running = !d.searcher->done();
    }
    d.touch();
}

void Client::searchStep() {
    Impl& d = *m_impl;
    model::Search& s = d.state.search;
    if (!s.running) return;
    if (!d.searcher || d.searcher->account() != d.account) {
        // Logged out or switched accounts since it started: its results are not this account's.
        d.searcher.reset();
        s = model::Search{};
        d.touch();
        return;
    }
    if (d.searcher->step(search::kStepBytes)) s.hits = d.searcher->hits();
    s.truncated = d.searcher->truncated();
    s.scanned = d.searcher->scanned();
    if (d.searcher->done()) {
        s.running = false;
        d.searcher.reset();
    }
    d.touch();
}

}  // namespace starling
