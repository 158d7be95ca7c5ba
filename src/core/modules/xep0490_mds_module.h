#pragma once
// XEP-0490 Message Displayed Synchronization: a chat read on one device is read on all of them. When the
// person sees a chat (ChatMarkersModule::onSeen: opened, page shown, catch-up over), the stanza-id of its
// newest message goes to our private PEP node; another device's item (fetched once online, then pushed by
// +notify) lowers that chat's unread count to the messages after the named one. An item naming a message
// this device has not received yet waits for it. Only items our own account publishes are believed, and
// only stanza-ids assigned by the right archive (ours for a one-to-one chat, the room's for a room).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/modules/module.h"
#include "core/modules/xep0333_chat_markers_module.h"
#include "core/xep/xep0490_mds.h"

namespace starling::modules {

class DisplayedSyncModule : public Module {
public:
    DisplayedSyncModule(Core& core, ChatMarkersModule& markers);
    const char* name() const override { return "xep0490-mds"; }
    std::vector<std::string> features() const override;  // +notify: the server sends other devices' items
    void onAccount() override;
    void onEstablished() override { ++m_epoch; }
    void onOnline() override;

private:
    router::Handled onEvent(const xml::Element& message);
    void apply(const xep::DisplayedUpTo& displayed);
    void seen(const std::string& chat);  // the person sees `chat` now: publish where it is read up to
    im::Flow arrived(const im::Incoming& in);  // a message an item waited for

    std::map<std::string, std::string> m_known;    // chat → the stanza-id the node holds (ours or another's)
    std::map<std::string, std::string> m_waiting;  // chat → an item's stanza-id not received here yet
    std::uint64_t m_epoch = 0;
};

}  // namespace starling::modules
