#pragma once
// XEP-0030 disco#info, answered for us, and XEP-0115 entity capabilities: the answer and the caps `ver`
// are built from the features the registered modules declare, nowhere else; the <c/> decorates every
// available presence of ours. Queries for our caps node#ver are answered too (servers resolve it before
// pushing +notify PEP events); another node is item-not-found.
#include <functional>
#include <string>
#include <vector>

#include "core/modules/module.h"
#include "core/modules/rfc6121_presence_module.h"
#include "core/xep/xep0030_disco.h"

namespace starling::modules {

class DiscoModule : public Module {
public:
    DiscoModule(Core& core, PresenceModule& presence);
    const char* name() const override { return "xep0030-disco"; }
    std::vector<std::string> features() const override;
    // Builds the answer and the caps ver from every module (call once all are registered).
    void build(const std::vector<Module*>& modules);
    const xep::DiscoInfo& info() const { return m_info; }
    const std::string& capsVer() const { return m_capsVer; }

private:
    xep::DiscoInfo m_info;
    std::string m_capsVer;
};

}  // namespace starling::modules
