#include "core/xep/xep0379_pars.h"
#include "core/modules/rfc6121_roster_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/im/presence.h"
#include "core/im/roster.h"
#include "core/xml/ns.h"

namespace starling::modules {

RosterModule::RosterModule(Core& core, std::function<void()> ready) : Module(core), m_ready(std::move(ready)) {
    m_core.router.onIq(name(), {"set"}, ns::kRoster, "query",
                       [this](const xml::Element& iq, const xml::Element&) { return push(iq); });
    m_core.router.onPresence(name(), router::Filter{router::Kind::Presence, {"subscribe", "subscribed", "unsubscribe", "unsubscribed"}, "", ""},
                             [this](const xml::Element& presence) { return subscription(presence); });
}

void RosterModule::onEstablished() {
    m_core.session.sendIq(im::rosterGet(), [this](const Result<xml::Element>& reply) { rosterResult(reply); });
}

void RosterModule::rosterResult(const Result<xml::Element>& reply) {
    if (m_core.session.state() != stream::SessionState::Established) return;  // logged out meanwhile
    if (reply) {
        if (const xml::Element* query = reply->child(ns::kRoster, "query")) {
            std::vector<model::RosterItem> roster;
            for (auto& entry : im::parseRosterQuery(*query))
                if (!entry.remove) roster.push_back(std::move(entry.item));
            im::sortRoster(roster);
            m_core.state.roster = std::move(roster);
            m_core.data.saveRoster(m_core.account, m_core.state.roster);
        }
    } else {
        m_core.log("roster get failed: " + reply.error().code + "; keeping the stored roster");
    }
    if (m_ready) m_ready();
}

router::IqAnswer RosterModule::push(const xml::Element& iq) {
    if (!im::rosterPushOriginValid(iq, m_core.account)) {
        m_core.log("dropped roster push from '" + std::string(iq.attr("from")) + "' (not our account)");
        return router::IqAnswer::ignore();
    }
    // RFC 6121 §2.1.6: a push carries one and only one item.
    auto entry = im::parseRosterPush(iq);
    if (!entry) {
        m_core.log("answered bad-request to a roster push: " + entry.error().message);
        return router::IqAnswer::error("modify", "bad-request");
    }
    im::applyRosterEntry(m_core.state.roster, *entry);
    m_core.data.saveRoster(m_core.account, m_core.state.roster);
    m_core.touch();
    return router::IqAnswer::result();
}

router::Handled RosterModule::subscription(const xml::Element& presence) {
    im::PresenceUpdate update;
    if (!im::parsePresence(presence, update)) {
        m_core.log("dropped presence from '" + std::string(presence.attr("from")) + "'");
        return router::Handled::Yes;
    }
    const std::string bare = im::normalizedBare(update.from);
    auto& requests = m_core.state.subscriptionRequests;
    switch (update.type) {
        case im::PresenceType::Subscribe: {
            if (bare == m_core.account) break;
            const bool preApproved = m_preApproved.erase(bare) > 0;
            if (const model::RosterItem* item = im::findRosterItem(m_core.state.roster, bare);
                (item && item->askSubscribe) || preApproved) {
                // We asked them first: their request is the answer to ours (servers without pre-approval).
                m_core.session.send(im::subscriptionPresence(bare, "subscribed"));
                break;
            }
            if (std::find(requests.begin(), requests.end(), bare) == requests.end()) requests.push_back(bare);
            break;
        }
        case im::PresenceType::Unsubscribe:
            requests.erase(std::remove(requests.begin(), requests.end(), bare), requests.end());
            break;
        default: break;  // subscribed / unsubscribed: the roster push that follows carries the change
    }
    m_core.touch();
    return router::Handled::Yes;
}

void RosterModule::addContact(const std::string& bare, const std::string& name, const std::string& preauthToken) {
    if (bare.empty() || bare == m_core.account) {
        m_core.state.notice = "bad-jid";
        m_core.touch();
        return;
    }
    if (!m_core.online()) {
        m_core.state.notice = "offline";
        m_core.touch();
        return;
    }
    model::RosterItem item;
    item.jid = bare;
    item.name = name;
    if (const model::RosterItem* existing = im::findRosterItem(m_core.state.roster, bare)) item.groups = existing->groups;
    m_core.session.sendIq(im::rosterSet(item), [this](const Result<xml::Element>& r) {
        if (!r && r.error().code == "disconnected") return;
        m_core.state.notice = r ? "contact-added" : "roster-error";
        m_core.touch();
    });
    m_core.session.send(preauthToken.empty() ? im::subscriptionPresence(bare, "subscribe")
                                             : xep::preauthSubscribe(bare, preauthToken));
    // Pre-approve their subscription to us (RFC 6121 §3.4), as Conversations does: adding someone means
    // sharing presence with them, so nobody has to accept twice.
    const model::RosterItem* existing = im::findRosterItem(m_core.state.roster, bare);
    const bool theyFollow = existing && (existing->subscription == "from" || existing->subscription == "both");
    if (!theyFollow) {
        m_core.session.send(im::subscriptionPresence(bare, "subscribed"));
        m_preApproved.insert(bare);
    }
}

void RosterModule::approve(const std::string& bare) {
    if (bare.empty() || !m_core.online()) return;
    m_core.session.send(im::subscriptionPresence(bare, "subscribed"));
    const model::RosterItem* item = im::findRosterItem(m_core.state.roster, bare);
    const bool subscribedTo = item && (item->subscription == "to" || item->subscription == "both");
    if (!subscribedTo && !(item && item->askSubscribe)) m_core.session.send(im::subscriptionPresence(bare, "subscribe"));
    auto& reqs = m_core.state.subscriptionRequests;
    reqs.erase(std::remove(reqs.begin(), reqs.end(), bare), reqs.end());
    m_core.touch();
}

void RosterModule::deny(const std::string& bare) {
    if (bare.empty() || !m_core.online()) return;
    m_core.session.send(im::subscriptionPresence(bare, "unsubscribed"));
    auto& reqs = m_core.state.subscriptionRequests;
    reqs.erase(std::remove(reqs.begin(), reqs.end(), bare), reqs.end());
    m_core.state.notice = "subscription-denied";
    m_core.touch();
}

void RosterModule::rename(const std::string& bare, const std::string& name) {
    const model::RosterItem* existing = im::findRosterItem(m_core.state.roster, bare);
    if (!existing || !m_core.online()) return;
    model::RosterItem item = *existing;
    item.name = name;
    // The server's roster push updates the state (one source of truth).
    m_core.session.sendIq(im::rosterSet(item), [this](const Result<xml::Element>& r) {
        if (!r && r.error().code != "disconnected") {
            m_core.state.notice = "roster-error";
            m_core.touch();
        }
    });
}

void RosterModule::remove(const std::string& bare) {
    if (bare.empty() || !m_core.online()) return;
    m_preApproved.erase(bare);
    m_core.session.sendIq(im::rosterRemove(bare), [this](const Result<xml::Element>& r) {
        if (!r && r.error().code == "disconnected") return;
        m_core.state.notice = r ? "contact-removed" : "roster-error";
        m_core.touch();
    });
}

}  // namespace starling::modules
