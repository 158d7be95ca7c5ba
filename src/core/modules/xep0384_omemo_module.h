#pragma once
// XEP-0384 OMEMO (legacy namespace eu.siacs.conversations.axolotl) as a module: the Encrypt stage of
// the outgoing pipeline, the Decrypt stage of the incoming one, live device lists (PEP notifications,
// advertised as devicelist+notify), all through OmemoService (xep0384_omemo_service.h).
#include <memory>

#include "core/modules/module.h"
#include "core/modules/xep0384_omemo_service.h"

namespace starling::modules {

class OmemoModule : public Module {
public:
    // `ready`: something a queued message waited for arrived (flush the outbox).
    OmemoModule(Core& core, std::function<void()> ready);
    const char* name() const override { return "xep0384-omemo"; }
    std::vector<std::string> features() const override;
    void onAccount() override { m_service->load(m_core.account); }
    void onEstablished() override { m_service->onEstablished(); }
    void onTimer(std::int64_t /*nowMs*/) override { m_service->onTimer(); }
    OmemoService& service() { return *m_service; }

private:
    std::unique_ptr<OmemoService> m_service;
};

}  // namespace starling::modules
