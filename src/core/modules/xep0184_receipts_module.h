#pragma once
// XEP-0184 Message Delivery Receipts: our messages ask for one (Decorate); a receipt marks ours
// Delivered (Signals); a live message asking for one is answered, to roster contacts that share our
// presence only (Notify).
#include "core/modules/module.h"

namespace starling::modules {

class ReceiptsModule : public Module {
public:
    explicit ReceiptsModule(Core& core);
    const char* name() const override { return "xep0184-receipts"; }
    std::vector<std::string> features() const override;
};

}  // namespace starling::modules
