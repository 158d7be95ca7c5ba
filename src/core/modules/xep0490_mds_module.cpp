#include "core/modules/xep0490_mds_module.h"

#include "core/im/jid_util.h"
#include "core/im/occupant_chat.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xml/ns.h"

namespace starling::modules {

DisplayedSyncModule::DisplayedSyncModule(Core& core, ChatMarkersModule& markers) : Module(core) {
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kPubsubEvent, "event"},
                            [this](const xml::Element& message) { return onEvent(message); });
    markers.onSeen = [this](const std::string& chat) { seen(chat); };
    m_core.incoming.add(im::Stage::Notify, name(), [this](im::Incoming& in) { return arrived(in); });
}

std::vector<std::string> DisplayedSyncModule::features() const { return {ns::kMdsNotify}; }

void DisplayedSyncModule::onAccount() {
    ++m_epoch;
    m_known.clear();
    m_waiting.clear();
}

void DisplayedSyncModule::onOnline() {
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::displayedFetch(), [this, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r) {
            if (!xep::pubsubMeansEmpty(r.error())) m_core.log("displayed state not fetched: " + r.error().code);
            return;
        }
        if (auto items = xep::parseDisplayed(*r))
            for (const auto& d : *items) apply(d);
    });
}

// PEP notifications of our own node (from our bare JID, or with no from: our own account).
router::Handled DisplayedSyncModule::onEvent(const xml::Element& message) {
    auto items = xep::parseDisplayed(message);
    if (!items) return router::Handled::No;
    const std::string from(message.attr("from"));
    if (!from.empty() && im::normalizedBare(from) != m_core.account) {
        m_core.log("displayed state from another account ignored");
        return router::Handled::Yes;
    }
    for (const auto& d : *items) apply(d);
    return router::Handled::Yes;
}

void DisplayedSyncModule::apply(const xep::DisplayedUpTo& d) {
    const bool room = m_core.state.rooms.count(d.chat) != 0;
    if (d.by != (room ? d.chat : m_core.account)) {
        m_core.log("displayed state with a stanza-id of another archive ignored");
        return;
    }
    m_known[d.chat] = d.stanzaId;
    auto conv = m_core.state.conversations.find(d.chat);
    if (conv == m_core.state.conversations.end()) {
        m_waiting[d.chat] = d.stanzaId;
        return;
    }
    const auto& list = conv->second.messages;
    int after = 0;
    for (auto m = list.rbegin(); m != list.rend(); ++m) {
        if (m->stanzaId == d.stanzaId) {
            m_waiting.erase(d.chat);
            if (after < conv->second.unread) conv->second.unread = after;
            if (after == 0 && room) m_core.state.rooms[d.chat].mentions = 0;
            m_core.touch();
            return;
        }
        if (m->direction == model::Direction::Incoming) ++after;
    }
    m_waiting[d.chat] = d.stanzaId;  // not here yet (still in the archive, or older than what is loaded)
}

im::Flow DisplayedSyncModule::arrived(const im::Incoming& in) {
    const im::IncomingResult& r = in.result;
    auto w = m_waiting.find(r.peer);
    if (w == m_waiting.end() || r.message.stanzaId != w->second) return im::Flow::Next;
    m_waiting.erase(w);
    auto conv = m_core.state.conversations.find(r.peer);
    if (conv != m_core.state.conversations.end() && conv->second.unread != 0) {
        conv->second.unread = 0;  // read elsewhere up to this one, which is the newest here
        if (auto room = m_core.state.rooms.find(r.peer); room != m_core.state.rooms.end()) room->second.mentions = 0;
        m_core.touch();
    }
    return im::Flow::Next;
}

void DisplayedSyncModule::seen(const std::string& chat) {
    if (!m_core.online() || !m_core.active) return;
    if (im::isOccupantChat(chat)) return;  // XEP-0490 names chats by bare JID: a private chat is not one
    auto conv = m_core.state.conversations.find(chat);
    if (conv == m_core.state.conversations.end()) return;
    const auto& list = conv->second.messages;
    auto newest = list.rbegin();
    while (newest != list.rend() && newest->stanzaId.empty()) ++newest;
    if (newest == list.rend()) return;  // nothing with a stanza-id: nothing another device could find
    xep::DisplayedUpTo d{chat, newest->stanzaId, m_core.state.rooms.count(chat) ? chat : m_core.account};
    auto known = m_known.find(chat);
    if (known != m_known.end() && known->second == d.stanzaId) return;
    m_known[chat] = d.stanzaId;
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::displayedPublish(d), [this, epoch, chat](const Result<xml::Element>& r) {
        if (epoch != m_epoch || r) return;
        m_core.log("displayed state of " + chat + " not published: " + r.error().code);
        m_known.erase(chat);  // asked again the next time the chat is seen
    });
}

}  // namespace starling::modules
