// Client: incoming stanzas (iq answers, roster pushes, presence, the message pipeline) and sending.
#include <algorithm>

#include "core/client_impl.h"
#include "core/im/jid_util.h"
#include "core/im/messages.h"
#include "core/im/presence.h"
#include "core/im/roster.h"
#include "core/im/stanza_util.h"
#include "core/xep/xep0030_disco.h"
#include "core/xep/xep0115_caps.h"
#include "core/xep/xep0199_ping.h"
#include "core/xml/ns.h"

namespace starling {

void Client::Impl::handleStanza(const xml::Element& stanza) {
    if (stanza.is(ns::kClient, "message")) handleMessage(stanza);
    else if (stanza.is(ns::kClient, "presence")) handlePresence(stanza);
    else if (stanza.is(ns::kClient, "iq")) handleIq(stanza);
    else log("dropped unknown stanza <" + stanza.name() + "> in " + stanza.ns());
}

void Client::Impl::handleIq(const xml::Element& iq) {
    const std::string_view type = iq.attr("type");
    if (type != "get" && type != "set") {
        log("dropped iq of type '" + std::string(type) + "'");
        return;
    }
    if (im::isRosterPush(iq)) {
        if (!im::rosterPushOriginValid(iq, account)) {
            log("dropped roster push from '" + std::string(iq.attr("from")) + "' (not our account)");
            return;
        }
        auto entry = im::parseRosterPush(iq);  // RFC 6121 §2.1.6: one item, or none of it applies
        if (!entry) {
            log("answered bad-request to a roster push: " + entry.error().message);
            session.send(im::iqError(iq, "modify", "bad-request"));
            return;
        }
        im::applyRosterEntry(state.roster, *entry);
        data.saveRoster(account, state.roster);
        session.send(im::iqResult(iq));
        touch();
        return;
    }
    if (xep::isDiscoInfoRequest(iq)) {
        // Our caps node#ver (servers resolve it before pushing +notify PEP events) or no node at all.
        const std::string_view node = iq.child(ns::kDiscoInfo, "query")->attr("node");
        if (node.empty() || node == std::string(xep::kStarlingCapsNode) + "#" + capsVer)
            session.send(xep::discoInfoResult(iq, disco));
        else
            session.send(im::iqError(iq, "cancel", "item-not-found"));
        return;
    }
    if (xep::isPingRequest(iq)) {
        session.send(xep::pingResult(iq));
        return;
    }
    const xml::Element* payload = iq.firstChild();
    log("answered service-unavailable to iq " + std::string(type) + " " +
        (payload ? payload->ns() + " " + payload->name() : std::string("(empty)")));
    session.send(im::iqError(iq, "cancel", "service-unavailable"));
}

void Client::Impl::handlePresence(const xml::Element& presence) {
    im::PresenceUpdate update;
    if (!im::parsePresence(presence, update)) {
        log("dropped presence from '" + std::string(presence.attr("from")) + "'");
        return;
    }
    const std::string bare = im::normalizedBare(update.from);
    auto& requests = state.subscriptionRequests;
    switch (update.type) {
        case im::PresenceType::Available:
        case im::PresenceType::Unavailable:
        case im::PresenceType::Error: im::applyAvailability(state, update); break;
        case im::PresenceType::Subscribe:
            if (bare == account) break;
            if (const model::RosterItem* item = im::findRosterItem(state.roster, bare); item && item->askSubscribe) {
                // We asked them first: their request is the answer to ours (servers without pre-approval).
                session.send(im::subscriptionPresence(bare, "subscribed"));
                break;
            }
            if (std::find(requests.begin(), requests.end(), bare) == requests.end()) requests.push_back(bare);
            break;
        case im::PresenceType::Unsubscribe:
            requests.erase(std::remove(requests.begin(), requests.end(), bare), requests.end());
            break;
        case im::PresenceType::Subscribed:
        case im::PresenceType::Unsubscribed:
        case im::PresenceType::Probe: break;  // the roster push that follows carries the change
    }
    touch();
}

void Client::Impl::handleMessage(const xml::Element& message) {
    if (routeArchiveResult(message)) return;  // client_sync.cpp
    if (omemo->handleEvent(message)) return;    // PEP device-list notification (client_omemo_events.cpp)
    if (holdForCatchUp(message)) return;        // encrypted, during a new session's catch-up (client_sync.cpp)
    coverSignalTarget(message);                 // a receipt for a message only on disk (client_history.cpp)
    applyIncoming(pipeline.process(state, message, incomingOptions()), message);  // client_signals.cpp
}

xml::Element Client::Impl::ownPresence() const {
    xml::Element presence = im::ownPresence(state.ownShow, state.ownStatus);
    if (state.ownShow != model::Show::Offline) presence.add(xep::capsElement(xep::kStarlingCapsNode, capsVer));
    return presence;
}

void Client::Impl::transmit(const std::string& peer, model::Message& m) {
    // The connection may be gone while `state` does not know yet (an IQ timeout answered in the same
    // tick as a lost connection): the session would drop the stanza, and the message would wait for an
    // ack that never comes. It stays Queued; the flush after the resumption or new session sends it.
    if (session.state() != stream::SessionState::Established) return;
    xml::Element stanza = im::chatMessage(peer, m.id, m.body);
    if (!omemo->prepareOutgoing(peer, m, stanza)) {  // OMEMO: stays Queued until keys arrive, or Failed
        if (m.status == model::MessageStatus::Failed) data.appendUpdate(account, peer, m);
        return;
    }
    session.send(stanza);
    if (session.ackTracking()) {  // XEP-0198: Queued → Sent when the server acks it (handleAcked)
        awaitingAck.insert(m.id);
        return;
    }
    m.status = model::MessageStatus::Sent;
    data.appendUpdate(account, peer, m);
}

// Each chat's Queued messages go out in the order they were written: one that has to wait (OMEMO keys
// on the way, no established session) holds back the later ones of its chat, which would otherwise
// overtake it (say, once the contact's first message has started a session before the bundle we
// asked for arrives).
void Client::Impl::flushChat(const std::string& peer, model::Conversation& conv) {
    for (auto& m : conv.messages) {
        if (m.direction != model::Direction::Outgoing || m.status != model::MessageStatus::Queued ||
            awaitingAck.count(m.id))
            continue;
        transmit(peer, m);
        if (m.status == model::MessageStatus::Queued && !awaitingAck.count(m.id)) break;  // waits: so do the rest
    }
}

void Client::Impl::flushQueued() {
    if (state.connection != model::Connection::Online) return;
    for (auto& [peer, conv] : state.conversations) flushChat(peer, conv);
    touch();
}

}  // namespace starling
