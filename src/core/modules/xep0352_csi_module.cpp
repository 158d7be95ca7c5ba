#include "core/modules/xep0352_csi_module.h"

#include "core/xep/xep0352_csi.h"

namespace starling::modules {

void CsiModule::onOnline() {
    if (!m_core.active && m_core.session.csiOffered()) m_core.session.sendNonza(xep::csiNonza(false));
}

void CsiModule::setActive(bool active) {
    m_core.active = active;
    if (m_core.online() && m_core.session.csiOffered()) m_core.session.sendNonza(xep::csiNonza(active));
}

}  // namespace starling::modules
