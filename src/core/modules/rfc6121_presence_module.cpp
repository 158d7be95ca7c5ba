#include "core/modules/rfc6121_presence_module.h"

#include "core/im/jid_util.h"
#include "core/im/presence.h"

namespace starling::modules {

PresenceModule::PresenceModule(Core& core) : Module(core) {
    // Availability; subscriptions are the roster module's. Any other type is dropped by the router.
    const router::Filter availability{router::Kind::Presence, {"", "unavailable", "error", "probe"}, "", ""};
    m_core.router.onPresence(name(), availability, [this](const xml::Element& presence) {
        // A room's presence is the group chat module's (registered after this one).
        if (m_core.state.rooms.count(im::normalizedBare(presence.attr("from")))) return router::Handled::No;
        im::PresenceUpdate update;
        if (!im::parsePresence(presence, update)) {
            m_core.log("dropped presence from '" + std::string(presence.attr("from")) + "'");
            return router::Handled::Yes;
        }
        im::applyAvailability(m_core.state, update);  // available, unavailable, error; probes change nothing
        m_core.touch();
        return router::Handled::Yes;
    });
}

void PresenceModule::onOnline() { m_core.session.send(ownPresence()); }

void PresenceModule::setPresence(model::Show show, const std::string& status) {
    m_core.state.ownShow = show;
    m_core.state.ownStatus = status;
    if (m_core.online()) m_core.session.send(ownPresence());
    m_core.touch();
}

xml::Element PresenceModule::ownPresence() const {
    xml::Element presence = im::ownPresence(m_core.state.ownShow, m_core.state.ownStatus);
    if (m_core.state.ownShow != model::Show::Offline)
        for (const auto& d : m_decorators) d(presence);
    return presence;
}

}  // namespace starling::modules
