#pragma once
// XEP-0191 Blocking Command: the list our server blocks for us (State::blocked), asked on every new
// session, changed by block/unblock, kept in step by the server's pushes (from our own account only).
// The server does the blocking; nothing is advertised (it is our server's feature, not ours).
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class BlockingModule : public Module {
public:
    explicit BlockingModule(Core& core);
    const char* name() const override { return "xep0191-blocking"; }
    void onOnline() override;
    void onAccount() override;
    // False when the JID is not valid or we are offline (State::notice says why).
    bool block(const std::string& jid);
    bool unblock(const std::string& jid);  // "" unblocks everyone

private:
    bool change(bool block, const std::string& jid);
    router::IqAnswer push(const xml::Element& iq, const xml::Element& payload);
    void apply(bool block, const std::vector<std::string>& jids);
    void dropBlockedPresence();
    std::uint64_t m_epoch = 0;
};

}  // namespace starling::modules
