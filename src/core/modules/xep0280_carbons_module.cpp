#include "core/modules/xep0280_carbons_module.h"

#include "core/im/message_stages.h"
#include "core/xep/xep0280_carbons.h"

namespace starling::modules {

CarbonsModule::CarbonsModule(Core& core) : Module(core) {
    m_core.incoming.add(im::Stage::Unwrap, name(), im::unwrapCarbon);
}

void CarbonsModule::onOnline() {
    m_core.session.sendIq(xep::carbonsEnableIq(), [this](const Result<xml::Element>& r) {
        if (!r && r.error().code != "disconnected") m_core.log("carbons not enabled: " + r.error().code);
    });
}

}  // namespace starling::modules
