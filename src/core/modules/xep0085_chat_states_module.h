#pragma once
// XEP-0085 Chat State Notifications: the peer's state ("typing…", Signals), and ours to roster contacts
// that share our presence: composing while the person edits a draft, paused after kPausedAfterMs
// without an edit (on the injected clock) or when the draft is cleared; a sent message implies active.
#include <map>
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class ChatStatesModule : public Module {
public:
    static constexpr std::int64_t kPausedAfterMs = 5000;  // XEP-0085 §5.2: "paused" after ~5 s idle

    explicit ChatStatesModule(Core& core);
    const char* name() const override { return "xep0085-chat-states"; }
    std::vector<std::string> features() const override;
    void onAccount() override { m_sent.clear(); }
    void onTimer(std::int64_t nowMs) override;
    // The person edited the draft to `bare` (typing) or cleared it (!typing).
    void typed(const std::string& bare, bool typing);

private:
    struct Sent {
        model::ChatState state = model::ChatState::None;
        std::int64_t atMs = 0;        // wall time it went out (compared with message times)
        std::int64_t lastEditMs = 0;  // monotonic time of the person's last edit
    };
    void send(const std::string& bare, Sent& sent, model::ChatState next);
    std::map<std::string, Sent> m_sent;  // our last chat state per chat
};

}  // namespace starling::modules
