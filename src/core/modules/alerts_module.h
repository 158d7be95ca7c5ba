#pragma once
// Alerts: which new messages the page announces (a browser notification while it is hidden, a sound), and
// the person's choices for it. A message announces itself when it arrives live from someone else into a
// chat that is not muted and not in view (another chat is open, or the page is hidden); in a room only
// when it names our nick. State::alerts.pending keeps the newest per chat for the page to take
// (Client::takeAlerts). alerts.json keeps the muted chats and the two switches per account.
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class AlertsModule : public Module {
public:
    explicit AlertsModule(Core& core);
    const char* name() const override { return "alerts"; }
    void onAccount() override;

    void setMuted(const std::string& chat, bool muted);
    void setSwitches(bool notify, bool sound);

private:
    im::Flow notifyStage(const im::Incoming& in);
    void save();
};

}  // namespace starling::modules
