#pragma once
// XEP-0172 User Nickname as a module: asks for contacts' nicknames with +notify (the server then pushes
// each contact's PEP item, and again when it changes) and takes the one in a subscription request, into
// State::nicknames, which the UI shows where the roster has no name. Nicknames live for the page's
// session: the server sends them again after every login.
#include <string>
#include <vector>

#include "core/modules/module.h"

namespace starling::modules {

class NickModule : public Module {
public:
    explicit NickModule(Core& core);
    const char* name() const override { return "xep0172-nick"; }
    std::vector<std::string> features() const override;
    void onAccount() override;

private:
    router::Handled onEvent(const xml::Element& message);
    router::Handled onSubscribe(const xml::Element& presence);
    void set(const std::string& bare, const std::string& nick);
};

}  // namespace starling::modules
