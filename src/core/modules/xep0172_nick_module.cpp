#include "core/modules/xep0172_nick_module.h"

#include "core/im/jid_util.h"
#include "core/xep/xep0172_nick.h"
#include "core/xml/ns.h"

namespace starling::modules {

NickModule::NickModule(Core& core) : Module(core) {
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kPubsubEvent, "event"},
                            [this](const xml::Element& message) { return onEvent(message); });
    m_core.router.onPresence(name(), router::Filter{router::Kind::Presence, {"subscribe"}, ns::kNick, "nick"},
                             [this](const xml::Element& presence) { return onSubscribe(presence); });
}

std::vector<std::string> NickModule::features() const { return {ns::kNickNotify}; }

void NickModule::onAccount() { m_core.state.nicknames.clear(); }

router::Handled NickModule::onEvent(const xml::Element& message) {
    auto update = xep::parseNickEvent(message);
    if (!update) return router::Handled::No;
    if (update->from != m_core.account) set(update->from, update->nick);
    return router::Handled::Yes;
}

// The request itself is the roster module's: the nickname is taken and the presence passed on.
router::Handled NickModule::onSubscribe(const xml::Element& presence) {
    const std::string bare = im::normalizedBare(presence.attr("from"));
    if (auto nick = xep::nickOf(presence); nick && !bare.empty() && bare != m_core.account) set(bare, *nick);
    return router::Handled::No;
}

void NickModule::set(const std::string& bare, const std::string& nick) {
    auto& nicks = m_core.state.nicknames;
    if (nick.empty() ? nicks.erase(bare) == 0 : nicks[bare] == nick) return;
    if (!nick.empty()) nicks[bare] = nick;
    m_core.touch();
}

}  // namespace starling::modules
