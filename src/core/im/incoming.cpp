#include "core/im/incoming.h"

namespace starling::im {

const char* stageName(Stage stage) {
    switch (stage) {
        case Stage::Unwrap: return "unwrap";
        case Stage::Origin: return "origin";
        case Stage::Hold: return "hold";
        case Stage::Signals: return "signals";
        case Stage::Dedup: return "dedup";
        case Stage::Decrypt: return "decrypt";
        case Stage::Store: return "store";
        case Stage::Notify: return "notify";
    }
    return "?";
}

void IncomingPipeline::add(Stage stage, std::string module, Fn fn) {
    m_stages[static_cast<std::size_t>(stage)].push_back(Entry{std::move(module), std::move(fn)});
}

void IncomingPipeline::run(Incoming& in) const {
    constexpr auto kNotify = static_cast<std::size_t>(Stage::Notify);
    in.decrypts = !m_stages[static_cast<std::size_t>(Stage::Decrypt)].empty();
    bool done = false;
    for (std::size_t s = 0; s < kNotify && !done; ++s) {
        for (const auto& e : m_stages[s]) {
            const Flow flow = e.fn(in);
            if (flow == Flow::Stop) return;
            if (flow == Flow::Done) {
                done = true;
                break;
            }
        }
    }
    for (const auto& e : m_stages[kNotify]) e.fn(in);
}

std::vector<std::string> IncomingPipeline::contributors(Stage stage) const {
    std::vector<std::string> out;
    for (const auto& e : m_stages[static_cast<std::size_t>(stage)]) out.push_back(e.module);
    return out;
}

}  // namespace starling::im
