#include "core/modules/xep0359_stanza_id_module.h"

#include "core/xep/xep0359_stanza_id.h"

namespace starling::modules {

StanzaIdModule::StanzaIdModule(Core& core) : Module(core) {
    m_core.outgoing.add(im::OutStage::Decorate, name(), [](im::Outgoing& out) {
        xep::addOriginId(out.stanza, out.message.id);
        return im::OutFlow::Next;
    });
}

std::vector<std::string> StanzaIdModule::features() const { return {xep::kStanzaIdFeature}; }

}  // namespace starling::modules
