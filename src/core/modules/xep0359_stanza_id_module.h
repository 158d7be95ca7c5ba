#pragma once
// XEP-0359 Unique and Stable Stanza IDs: our origin-id on every message (Decorate; = our message id, kept
// by a resend). Stanza-ids are read by the Origin stage and trusted when our account's disco#info lists
// urn:xmpp:sid:0 (Core::trustStanzaIds).
#include "core/modules/module.h"

namespace starling::modules {

class StanzaIdModule : public Module {
public:
    explicit StanzaIdModule(Core& core);
    const char* name() const override { return "xep0359-stanza-id"; }
    std::vector<std::string> features() const override;
};

}  // namespace starling::modules
