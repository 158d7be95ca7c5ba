// Client's public inputs and the UI's intents; the session-side logic is in client.cpp.
#include <algorithm>

#include "core/client.h"
#include "core/client_impl.h"
#include "core/im/jid_util.h"
#include "core/im/presence.h"
#include "core/im/roster.h"
#include "core/util/strings.h"

namespace starling {

namespace {
std::string normalizeBare(const std::string& jid) {
    const std::string s(util::trim(jid));
    // A contact address; a resource typed by mistake is dropped.
    auto j = jid::Jid::parse(s);
    return j && !j->local().empty() ? j->bareString() : std::string();
}
}  // namespace

Client::Client(Platform platform, ClientConfig config)
    : m_impl(std::make_unique<Impl>(platform, std::move(config))) {}

Client::~Client() = default;

void Client::start() { m_impl->start(); }

void Client::onTransportOpen() { m_impl->session.onTransportOpen(); }
void Client::onFrame(std::string_view text) { m_impl->session.onFrame(text); }
void Client::onTransportClosed(std::string_view reason) { m_impl->session.onTransportClosed(reason); }
void Client::onHttpResult(std::uint32_t requestId, int status, std::string_view body) {
    m_impl->onHttpResult(requestId, status, body);
}

void Client::onTimer() {
    Impl& d = *m_impl;
    if (d.discovery && d.p.clock.nowMs() >= d.discovery->deadlineMs) {
        d.discovery.reset();
        d.problem("no-endpoint", "discovery timed out");
    }
    if (d.retryAtMs && d.p.clock.nowMs() >= *d.retryAtMs) {
        d.retryAtMs.reset();
        if (!d.connectRemembered(d.account)) d.problem("unreachable", "");
    }
    d.session.onTimer();
}

void Client::onPersistError(std::string_view message) {
    m_impl->state.storageError = std::string(message);
    m_impl->log("persistence: " + std::string(message));
    m_impl->touch();
}

void Client::login(const LoginRequest& request) { m_impl->login(request); }

bool Client::reconnect() {
    Impl& d = *m_impl;
    const std::string bare = d.account.empty() ? d.settings.account : d.account;
    if (bare.empty() || d.online()) return false;
    if (d.session.state() != stream::SessionState::Idle) d.session.stop();
    d.retryAtMs.reset();
    d.retryAttempt = 0;
    return d.connectRemembered(bare);
}

bool Client::reconnectNow() {
    Impl& d = *m_impl;
    if (!d.retryAtMs) return d.session.reconnectNow();
    d.retryAtMs = d.p.clock.nowMs();  // the remembered login's retry: onTimer makes it now
    d.retryAttempt = 0;
    onTimer();
    return true;
}

void Client::logout(bool forgetLocalData) {
    Impl& d = *m_impl;
    if (d.session.state() != stream::SessionState::Idle) d.session.stop();
    d.discovery.reset();
    d.retryAtMs.reset();
    d.wipePassword();
    if (!d.account.empty()) {
        d.data.forgetCredentials(d.account);
        if (d.settings.account == d.account) {
            d.settings.account.clear();
            d.data.saveSettings(d.settings);
        }
        if (forgetLocalData) d.data.removeAccount(d.account);
    }
    d.account.clear();
    d.sync.held.clear();
    d.sync.holdEncrypted = false;
    d.omemo->load("");  // keys leave memory with the account
    model::State fresh;
    fresh.language = d.state.language;
    fresh.storageError = d.state.storageError;
    d.state = std::move(fresh);
    d.touch();
}

void Client::addContact(const std::string& jid, const std::string& name) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty() || bare == d.account) {
        d.state.notice = "bad-jid";
        d.touch();
        return;
    }
    if (!d.online()) {
        d.state.notice = "offline";
        d.touch();
        return;
    }
    model::RosterItem item;
    item.jid = bare;
    item.name = name;
    if (const model::RosterItem* existing = im::findRosterItem(d.state.roster, bare)) item.groups = existing->groups;
    d.session.sendIq(im::rosterSet(item), [&d](const Result<xml::Element>& r) {
        if (!r && r.error().code == "disconnected") return;
        d.state.notice = r ? "contact-added" : "roster-error";
        d.touch();
    });
    d.session.send(im::subscriptionPresence(bare, "subscribe"));
    // Pre-approve their subscription to us (RFC 6121 §3.4), as Conversations does: adding someone means
    // sharing presence with them, so nobody has to accept twice.
    const model::RosterItem* existing = im::findRosterItem(d.state.roster, bare);
    const bool theyFollow = existing && (existing->subscription == "from" || existing->subscription == "both");
    if (!theyFollow) d.session.send(im::subscriptionPresence(bare, "subscribed"));
}

void Client::approveSubscription(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty() || !d.online()) return;
    d.session.send(im::subscriptionPresence(bare, "subscribed"));
    const model::RosterItem* item = im::findRosterItem(d.state.roster, bare);
    const bool subscribedTo = item && (item->subscription == "to" || item->subscription == "both");
    if (!subscribedTo && !(item && item->askSubscribe)) d.session.send(im::subscriptionPresence(bare, "subscribe"));
    auto& reqs = d.state.subscriptionRequests;
    reqs.erase(std::remove(reqs.begin(), reqs.end(), bare), reqs.end());
    d.touch();
}

void Client::denySubscription(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty() || !d.online()) return;
    d.session.send(im::subscriptionPresence(bare, "unsubscribed"));
    auto& reqs = d.state.subscriptionRequests;
    reqs.erase(std::remove(reqs.begin(), reqs.end(), bare), reqs.end());
    d.state.notice = "subscription-denied";
    d.touch();
}

void Client::renameContact(const std::string& jid, const std::string& name) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    const model::RosterItem* existing = im::findRosterItem(d.state.roster, bare);
    if (!existing || !d.online()) return;
    model::RosterItem item = *existing;
    item.name = name;
    // The server's roster push updates the state (one source of truth).
    d.session.sendIq(im::rosterSet(item), [&d](const Result<xml::Element>& r) {
        if (!r && r.error().code != "disconnected") {
            d.state.notice = "roster-error";
            d.touch();
        }
    });
}

void Client::removeContact(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty() || !d.online()) return;
    d.session.sendIq(im::rosterRemove(bare), [&d](const Result<xml::Element>& r) {
        if (!r && r.error().code == "disconnected") return;
        d.state.notice = r ? "contact-removed" : "roster-error";
        d.touch();
    });
}

void Client::setPresence(model::Show show, const std::string& status) {
    Impl& d = *m_impl;
    d.state.ownShow = show;
    d.state.ownStatus = status;
    if (d.online()) d.session.send(d.ownPresence());
    d.touch();
}

void Client::openChat(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty()) return;
    if (!d.state.openChat.empty() && d.state.openChat != bare) d.trimHistory(d.state.openChat);  // left
    model::Conversation& conv = d.state.conversations[bare];
    conv.jid = bare;
    conv.unread = 0;
    d.state.openChat = bare;
    if (d.sync.active) d.sendDisplayed(bare);  // XEP-0333, roster contacts only
    d.touch();
}

void Client::closeChat() {
    if (!m_impl->state.openChat.empty()) m_impl->trimHistory(m_impl->state.openChat);
    m_impl->state.openChat.clear();
    m_impl->touch();
}

void Client::sendMessage(const std::string& jid, const std::string& text) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    if (bare.empty() || text.empty() || d.account.empty()) return;
    model::Message m;
    m.id = d.uuid();
    m.from = d.state.ownJid.empty() ? d.account : d.state.ownJid;
    m.body = text;
    m.direction = model::Direction::Outgoing;
    m.status = model::MessageStatus::Queued;
    m.timestampMs = d.p.clock.wallTimeMs();
    model::Conversation& conv = d.state.conversations[bare];
    conv.jid = bare;
    im::appendInOrder(conv, m);  // what we send now is the newest
    d.data.appendMessage(d.account, bare, conv.messages.back());  // stored first: nothing is lost if the send fails
    if (d.online()) d.flushChat(bare, conv);  // after any earlier one still waiting
    d.touch();
}

void Client::resendMessage(const std::string& jid, const std::string& messageId) {
    Impl& d = *m_impl;
    const std::string bare = normalizeBare(jid);
    auto conv = d.state.conversations.find(bare);
    if (conv == d.state.conversations.end() || d.account.empty()) return;
    model::Message* m = im::findMessage(conv->second, messageId);
    if (!m || m->direction != model::Direction::Outgoing || m->status != model::MessageStatus::Failed) return;
    m->status = model::MessageStatus::Queued;
    m->error.clear();
    d.data.appendUpdate(d.account, bare, *m);
    if (d.online()) d.flushChat(bare, conv->second);
    d.touch();
}

void Client::clearNotice() {
    m_impl->state.notice.clear();
    m_impl->touch();
}

void Client::setLanguage(const std::string& language) {
    Impl& d = *m_impl;
    d.state.language = language;
    d.settings.language = language;
    d.data.saveSettings(d.settings);
    d.touch();
}

void Client::setLogger(std::function<void(std::string_view line)> logger) { m_impl->logger = std::move(logger); }

const ClientConfig& Client::config() const { return m_impl->config; }
const model::State& Client::state() const { return m_impl->state; }
std::uint64_t Client::revision() const { return m_impl->revision; }

}  // namespace starling
