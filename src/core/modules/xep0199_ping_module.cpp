#include "core/modules/xep0199_ping_module.h"

#include "core/xml/ns.h"

namespace starling::modules {

PingModule::PingModule(Core& core) : Module(core) {
    m_core.router.onIq(name(), {"get"}, ns::kPing, "ping",
                       [](const xml::Element&, const xml::Element&) { return router::IqAnswer::result(); });
}

std::vector<std::string> PingModule::features() const { return {ns::kPingFeature}; }

}  // namespace starling::modules
