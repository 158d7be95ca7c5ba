#pragma once
// XEP-0393 Message Styling: we advertise urn:xmpp:styling:0 (the UI draws styles, src/ui/styled_text.h),
// and a received message that carries the hint <unstyled xmlns='urn:xmpp:styling:0'/> (§6: "the sender
// does not want this message styled") is marked Message::unstyled, so the UI draws its *, _, ~, `, > and
// ``` as the text they are. Links and "/me" are not styling: they stay.
#include "core/modules/module.h"

namespace starling::modules {

class StylingModule : public Module {
public:
    explicit StylingModule(Core& core);
    const char* name() const override { return "xep0393-styling"; }
    std::vector<std::string> features() const override;
};

}  // namespace starling::modules
