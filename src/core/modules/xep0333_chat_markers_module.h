#pragma once
// XEP-0333 Displayed Markers: our messages are markable (Decorate); a peer's <displayed/> marks ours
// read, ours from another device clears the unread count (Signals); the newest markable message of each
// chat is remembered and marked displayed when the person sees that chat (Notify, openChat, setActive).
// Markers go to roster contacts that share our presence only; none while the page is hidden.
#include <functional>
#include <map>
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class ChatMarkersModule : public Module {
public:
    explicit ChatMarkersModule(Core& core);
    const char* name() const override { return "xep0333-chat-markers"; }
    std::vector<std::string> features() const override;
    void onAccount() override { m_markable.clear(); }
    // The person sees `peer`'s chat now (opened, page shown, catch-up over): mark its newest message.
    void sendDisplayed(const std::string& peer);
    // Told first whenever the person sees a chat (XEP-0490 shares it with our other devices).
    std::function<void(const std::string&)> onSeen;

private:
    struct Markable {
        std::string id;     // message id to mark displayed
        bool sent = false;  // our <displayed/> for it went out
    };
    std::map<std::string, Markable> m_markable;  // last markable incoming message per chat
};

}  // namespace starling::modules
