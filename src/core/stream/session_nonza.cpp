// Session: nonzas (top-level elements that are no stanzas) and the stream features they depend on.
#include "core/stream/session.h"
#include "core/stream/session_impl.h"

namespace starling::stream {

bool Session::csiOffered() const { return m_state == SessionState::Established && m_impl->features.csi; }

void Session::sendNonza(const xml::Element& element) {
    if (m_state != SessionState::Established) return;
    m_impl->sendElement(element);  // not sendStanza: XEP-0198 counts stanzas only
}

void Session::requestAck() {
    if (m_state == SessionState::Established && m_impl->smMode == Impl::SmMode::Enabled) m_impl->smRequestNow();
}

}  // namespace starling::stream
