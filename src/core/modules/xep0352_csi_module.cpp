#include "core/modules/xep0352_csi_module.h"

#include "core/xep/xep0352_csi.h"

namespace starling::modules {

namespace {

// <inactive/>, then an <r/>. Prosody's mod_csi_simple pauses the connection's writes when <inactive/>
// arrives, and what it had already written but not yet sent (a message routed to us in the same
// moment) stays held until it sends us an important stanza: seen once, a message not shown for 20 s in
// a hidden tab. Its answer, an <a/>, is important and lets the held data out.
void sendInactive(Core& core) {
    core.session.sendNonza(xep::csiNonza(false));
    core.session.requestAck();
}

}  // namespace

void CsiModule::onOnline() {
    if (!m_core.active && m_core.session.csiOffered()) sendInactive(m_core);
}

void CsiModule::setActive(bool active) {
    m_core.active = active;
    if (!m_core.online() || !m_core.session.csiOffered()) return;
    if (active) m_core.session.sendNonza(xep::csiNonza(true));
    else sendInactive(m_core);
}

}  // namespace starling::modules
