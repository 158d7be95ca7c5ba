#pragma once
// RFC 6121 roster and subscriptions: the roster is asked on every new session (the session goes online
// when it is in), pushes from our account's server are applied, contacts are added, renamed and
// removed, and subscription requests are shown, approved or denied.
#include <functional>
#include <set>
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class RosterModule : public Module {
public:
    // `ready`: the roster of a new session is in (the client goes online).
    RosterModule(Core& core, std::function<void()> ready);
    const char* name() const override { return "rfc6121-roster"; }
    void onEstablished() override;
    void onAccount() override { m_preApproved.clear(); }

    // `preauthToken`: the subscription request carries it (XEP-0379), so the contact's server approves it.
    void addContact(const std::string& bare, const std::string& name, const std::string& preauthToken = {});
    void approve(const std::string& bare);
    void deny(const std::string& bare);
    void rename(const std::string& bare, const std::string& name);
    void remove(const std::string& bare);

private:
    void rosterResult(const Result<xml::Element>& reply);
    router::IqAnswer push(const xml::Element& iq);
    router::Handled subscription(const xml::Element& presence);

    std::function<void()> m_ready;
    // Contacts added on this page, whose subscription to us we pre-approved. A server without
    // pre-approval (ejabberd 23.01) forgets it, and their request comes once they accepted ours: by then
    // our ask is no longer pending, yet the person already said yes by adding them.
    std::set<std::string> m_preApproved;
};

}  // namespace starling::modules
