// Full-text search over local history (State::search). Placeholder until the search engine lands.
#include "core/client.h"
#include "core/client_impl.h"

namespace starling {

void Client::search(const std::string& query) {
    m_impl->state.search = model::Search{};
    m_impl->state.search.query = query;
    m_impl->touch();
}

void Client::searchStep() {}

}  // namespace starling
