#include "core/modules/xep0191_blocking_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/util/strings.h"
#include "core/xep/xep0191_blocking.h"
#include "core/xml/ns.h"

namespace starling::modules {

BlockingModule::BlockingModule(Core& core) : Module(core) {
    m_core.router.onIq(name(), {"set"}, ns::kBlocking, "", [this](const xml::Element& iq, const xml::Element& payload) {
        return push(iq, payload);
    });
}

void BlockingModule::onAccount() {
    ++m_epoch;
    m_core.state.blocked.clear();
    m_core.state.blockingSupported = false;
}

void BlockingModule::onOnline() {
    const std::uint64_t epoch = ++m_epoch;
    m_core.session.sendIq(xep::blocklistGetIq(), [this, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r) {
            if (r.error().code != "disconnected") m_core.log("blocklist not available: " + r.error().code);
            m_core.state.blockingSupported = false;
            m_core.touch();
            return;
        }
        const xml::Element* list = r->child(ns::kBlocking, "blocklist");
        std::vector<std::string> jids = list ? xep::blockingItems(*list) : std::vector<std::string>{};
        std::sort(jids.begin(), jids.end());
        jids.erase(std::unique(jids.begin(), jids.end()), jids.end());
        m_core.state.blocked = std::move(jids);
        m_core.state.blockingSupported = true;
        dropBlockedPresence();
        m_core.touch();
    });
}

void BlockingModule::apply(bool block, const std::vector<std::string>& jids) {
    auto& list = m_core.state.blocked;
    if (!block && jids.empty()) list.clear();  // unblock everyone
    for (const auto& j : jids) {
        auto it = std::lower_bound(list.begin(), list.end(), j);
        const bool present = it != list.end() && *it == j;
        if (block && !present) list.insert(it, j);
        if (!block && present) list.erase(it);
    }
    // A request from someone blocked now is gone (the server drops it too, and nobody could answer it:
    // our answer would be refused as addressed to a blocked JID).
    auto& requests = m_core.state.subscriptionRequests;
    requests.erase(std::remove_if(requests.begin(), requests.end(),
                                  [&](const std::string& jid) { return model::isBlocked(m_core.state, jid); }),
                   requests.end());
    dropBlockedPresence();
    m_core.touch();
}

// Someone blocked is shown offline: the server sends them our unavailable presence and delivers none of
// theirs from now on (XEP-0191 §3.3), so what we last knew would stay on screen forever.
void BlockingModule::dropBlockedPresence() {
    std::erase_if(m_core.state.presence, [&](const auto& entry) { return model::isBlocked(m_core.state, entry.first); });
}

// A push from our server (RFC 6121-like rule: only from our own account, or with no from at all).
router::IqAnswer BlockingModule::push(const xml::Element& iq, const xml::Element& payload) {
    const std::string_view from = iq.attr("from");
    if (!from.empty() && im::normalizedBare(from) != m_core.account) {
        m_core.log("blocking push from '" + std::string(from) + "' refused (not our account)");
        return router::IqAnswer::error("cancel", "service-unavailable");
    }
    if (payload.name() != "block" && payload.name() != "unblock") return router::IqAnswer::error("modify", "bad-request");
    apply(payload.name() == "block", xep::blockingItems(payload));
    return router::IqAnswer::result();
}

bool BlockingModule::change(bool block, const std::string& typed) {
    const std::string text(util::trim(typed));
    std::vector<std::string> jids;
    if (!text.empty() || block) {
        auto j = jid::Jid::parse(text);
        if (!j) {
            m_core.state.notice = "bad-jid";
            m_core.touch();
            return false;
        }
        jids.push_back(j->full());
    }
    if (!m_core.online()) {
        m_core.state.notice = "offline";
        m_core.touch();
        return false;
    }
    // The server's push brings the change into State::blocked (one source of truth); the result too, for
    // a server that pushes only to the other resources.
    m_core.session.sendIq(xep::blockIq(block, jids), [this, block, jids](const Result<xml::Element>& r) {
        if (!r) {
            if (r.error().code == "disconnected") return;
            m_core.state.notice = "blocking-error";
            m_core.touch();
            return;
        }
        m_core.state.notice = block ? "blocked" : "unblocked";
        apply(block, jids);
    });
    return true;
}

bool BlockingModule::block(const std::string& jid) { return change(true, jid); }
bool BlockingModule::unblock(const std::string& jid) { return change(false, jid); }

}  // namespace starling::modules
