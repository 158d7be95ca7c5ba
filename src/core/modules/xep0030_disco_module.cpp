#include "core/modules/xep0030_disco_module.h"

#include "core/xep/xep0115_caps.h"
#include "core/xml/ns.h"

namespace starling::modules {

DiscoModule::DiscoModule(Core& core, PresenceModule& presence) : Module(core) {
    m_core.router.onIq(name(), {"get"}, ns::kDiscoInfo, "query", [this](const xml::Element& iq, const xml::Element& query) {
        const std::string_view node = query.attr("node");
        if (!node.empty() && node != std::string(xep::kStarlingCapsNode) + "#" + m_capsVer)
            return router::IqAnswer::error("cancel", "item-not-found");
        return router::IqAnswer::result(xep::discoInfoResult(iq, m_info).children().front());
    });
    presence.decorate(name(), [this](xml::Element& p) { p.add(xep::capsElement(xep::kStarlingCapsNode, m_capsVer)); });
}

std::vector<std::string> DiscoModule::features() const { return {ns::kDiscoInfo, ns::kCaps}; }

void DiscoModule::build(const std::vector<Module*>& modules) {
    m_info = xep::starlingDiscoInfo();
    m_info.features.clear();
    for (const Module* m : modules)
        for (const auto& f : m->features()) m_info.addFeature(f);
    m_capsVer = xep::capsVer(m_info);
}

}  // namespace starling::modules
