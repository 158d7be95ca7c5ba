#pragma once
// XEP-0352 Client State Indication: the server is told when the tab is hidden (inactive) or shown
// (active), when its stream features offer <csi/>. A new session starts active.
#include "core/modules/module.h"

namespace starling::modules {

class CsiModule : public Module {
public:
    explicit CsiModule(Core& core) : Module(core) {}
    const char* name() const override { return "xep0352-csi"; }
    void onOnline() override;
    void setActive(bool active);  // Core::active
};

}  // namespace starling::modules
