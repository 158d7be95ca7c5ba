#pragma once
// XEP-0280 Message Carbons: enabled on every new session; a carbon becomes the message it carries
// (Unwrap), if it comes from our own bare JID and is about our account.
#include "core/modules/module.h"

namespace starling::modules {

class CarbonsModule : public Module {
public:
    explicit CarbonsModule(Core& core);
    const char* name() const override { return "xep0280-carbons"; }
    void onOnline() override;
};

}  // namespace starling::modules
