#pragma once
// The outgoing message pipeline, in order: Decorate (receipts request, markable, origin-id: each from its
// own module) → Encrypt (OMEMO) → Send (the chat's outbox: the session, XEP-0198 acks).
// A stage returns Next, or Wait: the message stays Queued (keys on the way, no session) or was marked
// Failed; nothing after that stage runs.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model/state.h"
#include "core/xml/element.h"

namespace starling::im {

enum class OutStage : std::uint8_t { Decorate, Encrypt, Send };
inline constexpr std::size_t kOutStageCount = 3;

enum class OutFlow : std::uint8_t { Next, Wait };

struct Outgoing {
    Outgoing(std::string to, model::Message& m, xml::Element s) : peer(std::move(to)), message(m), stanza(std::move(s)) {}
    std::string peer;        // bare JID of the chat
    model::Message& message;  // in the chat; stages may change its status and error
    xml::Element stanza;      // <message type='chat'> with the plaintext <body/>, until Encrypt replaces it
    // A stanza about another message (a correction): `message` is not in the chat, Send does not track it.
    bool action = false;
};

class OutgoingPipeline {
public:
    using Fn = std::function<OutFlow(Outgoing&)>;
    void add(OutStage stage, std::string module, Fn fn) {
        m_stages[static_cast<std::size_t>(stage)].push_back(Entry{std::move(module), std::move(fn)});
    }
    // true: every stage ran (the message went out)
    bool run(Outgoing& out) const {
        for (const auto& stage : m_stages)
            for (const auto& e : stage)
                if (e.fn(out) == OutFlow::Wait) return false;
        return true;
    }
    std::vector<std::string> contributors(OutStage stage) const {
        std::vector<std::string> names;
        for (const auto& e : m_stages[static_cast<std::size_t>(stage)]) names.push_back(e.module);
        return names;
    }

private:
    struct Entry {
        std::string module;
        Fn fn;
    };
    std::array<std::vector<Entry>, kOutStageCount> m_stages;
};

}  // namespace starling::im
