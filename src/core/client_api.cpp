// Client's public inputs and the UI's intents: each goes to the module that owns it.
#include "core/client.h"
#include "core/client_impl.h"
#include "core/im/jid_util.h"
#include "core/im/messages.h"
#include "core/im/occupant_chat.h"
#include "core/util/strings.h"

namespace starling {

namespace {
// A contact address; a resource typed by mistake is dropped.
std::string normalizeBare(const std::string& jid) {
    auto j = jid::Jid::parse(util::trim(jid));
    return j && !j->local().empty() ? j->bareString() : std::string();
}
// A chat's key: a room occupant's JID names a private chat (XEP-0045 §7.5, im/occupant_chat.h) — of a
// room we know, or one we have a chat with already (a room since left); anything else its bare JID.
std::string chatKey(const model::State& state, const std::string& jid) {
    const std::string text(util::trim(jid));
    if (std::string key = im::occupantChatKey(state, text); !key.empty()) return key;
    if (auto j = jid::Jid::parse(text); j && j->hasResource() && state.conversations.count(j->full())) return j->full();
    return normalizeBare(jid);
}
}  // namespace

Client::Client(Platform platform, ClientConfig config) : m_impl(std::make_unique<Impl>(platform, std::move(config))) {}
Client::~Client() = default;

void Client::start() { m_impl->m.account.start(); }

void Client::onTransportOpen() { m_impl->session.onTransportOpen(); }
void Client::onFrame(std::string_view text) { m_impl->session.onFrame(text); }
void Client::onTransportClosed(std::string_view reason) { m_impl->session.onTransportClosed(reason); }
void Client::onHttpResult(std::uint32_t requestId, int status, std::string_view body) {
    if (m_impl->m.upload.onHttpResult(requestId, status, body)) return;
    if (m_impl->m.downloads.onHttpResult(requestId, status, body)) return;
    m_impl->m.account.onHttpResult(requestId, status, body);
}
void Client::onHttpProgress(std::uint32_t requestId, std::uint64_t done, std::uint64_t total) {
    if (!m_impl->m.upload.onHttpProgress(requestId, done, total)) m_impl->m.downloads.onHttpProgress(requestId, done, total);
}

bool Client::sendFile(const std::string& jid, const std::string& name, const std::string& mime, std::string bytes) {
    return m_impl->m.upload.sendFile(jid, name, mime, std::move(bytes));
}
bool Client::cancelTransfer(const std::string& jid, const std::string& messageId) {
    return m_impl->m.upload.cancel(jid, messageId) || m_impl->m.downloads.cancel(jid, messageId);
}
bool Client::retryTransfer(const std::string& jid, const std::string& messageId) {
    if (m_impl->m.upload.retry(jid, messageId)) return true;
    auto conv = m_impl->state.conversations.find(jid);
    const model::Message* m = conv == m_impl->state.conversations.end() ? nullptr : im::findMessage(conv->second, messageId);
    if (!m || !m->attachment) return false;
    if (m->direction == model::Direction::Outgoing && m->status == model::MessageStatus::Failed) {
        if (m->attachment->url.empty()) return false;  // its upload is gone (a reload): nothing to send
        m_impl->m.chat.resendMessage(jid, messageId);  // uploaded; the message itself failed
        return true;
    }
    return m_impl->m.downloads.load(jid, messageId);
}
bool Client::loadAttachment(const std::string& jid, const std::string& messageId) {
    return m_impl->m.downloads.load(jid, messageId);
}
void Client::attachmentDrawn(const std::string& jid, const std::string& messageId) {
    m_impl->m.downloads.drawn(jid, messageId);
}
void Client::setMediaCacheCap(std::size_t bytes) { m_impl->state.media.setCap(bytes); }

void Client::onTimer() {
    Impl& d = *m_impl;
    const std::int64_t now = d.core.p.clock.nowMs();
    for (modules::Module* mod : d.m.all()) mod->onTimer(now);
    d.session.onTimer();
}

void Client::onPersistError(std::string_view message) {
    m_impl->state.storageError = std::string(message);
    m_impl->core.log("persistence: " + std::string(message));
    m_impl->core.touch();
}

void Client::login(const LoginRequest& request) {
    if (m_impl->m.signup.active()) m_impl->m.signup.cancel();
    m_impl->m.account.login(request);
}
void Client::signupCheck(const std::string& domain, const std::string& websocket) { m_impl->m.signup.check(domain, websocket); }
bool Client::signupInvitation(const std::string& uri) { return m_impl->m.signup.openInvitation(uri); }
bool Client::signupSubmit(const std::map<std::string, std::vector<std::string>>& answers) {
    return m_impl->m.signup.submit(answers);
}
void Client::signupCancel() { m_impl->m.signup.cancel(); }
bool Client::reconnect() { return m_impl->m.account.reconnect(); }
bool Client::reconnectNow() { return m_impl->m.account.reconnectNow(); }

void Client::logout(bool forgetLocalData) {
    m_impl->m.signup.cancel();  // a finished sign-up leaves nothing behind for the next person
    Impl& d = *m_impl;
    d.m.account.logout(forgetLocalData);
    d.core.account.clear();
    for (modules::Module* mod : d.m.all()) mod->onAccount();  // keys and per-account state leave memory
    model::State fresh;
    fresh.language = d.state.language;
    fresh.storageError = d.state.storageError;
    d.state = std::move(fresh);
    d.core.touch();
}

void Client::addContact(const std::string& jid, const std::string& name) {
    m_impl->m.roster.addContact(normalizeBare(jid), name);
}
void Client::approveSubscription(const std::string& jid) { m_impl->m.roster.approve(normalizeBare(jid)); }
void Client::denySubscription(const std::string& jid) { m_impl->m.roster.deny(normalizeBare(jid)); }
void Client::renameContact(const std::string& jid, const std::string& name) {
    m_impl->m.roster.rename(normalizeBare(jid), name);
}
void Client::removeContact(const std::string& jid) { m_impl->m.roster.remove(normalizeBare(jid)); }
void Client::setPresence(model::Show show, const std::string& status) { m_impl->m.presence.setPresence(show, status); }

bool Client::startCall(const std::string& jid, bool video) { return m_impl->m.calls.startCall(jid, video); }
bool Client::acceptCall() { return m_impl->m.calls.acceptCall(); }
bool Client::declineCall() { return m_impl->m.calls.declineCall(); }
bool Client::hangUp() { return m_impl->m.calls.hangUp(); }
std::vector<model::CallMediaEvent> Client::takeCallEvents() { return m_impl->m.calls.takeMediaEvents(); }
bool Client::callLocalDescription(const std::string& sdp) { return m_impl->m.calls.localDescription(sdp); }
bool Client::callLocalCandidate(const std::string& mid, const std::string& candidate) {
    return m_impl->m.calls.localCandidate(mid, candidate);
}
void Client::callMediaState(bool connected) { m_impl->m.calls.mediaState(connected); }
void Client::callMediaFailed(const std::string& condition) { m_impl->m.calls.mediaFailed(condition); }
bool Client::block(const std::string& jid) { return m_impl->m.blocking.block(jid); }
bool Client::unblock(const std::string& jid) { return m_impl->m.blocking.unblock(jid); }

void Client::openChat(const std::string& jid) {
    Impl& d = *m_impl;
    const std::string bare = chatKey(d.state, jid);
    if (bare.empty()) return;
    if (!d.state.openChat.empty() && d.state.openChat != bare) d.m.history.trim(d.state.openChat);  // left
    model::Conversation& conv = d.state.conversations[bare];
    conv.jid = bare;
    conv.unread = 0;
    if (auto room = d.state.rooms.find(bare); room != d.state.rooms.end()) room->second.mentions = 0;
    d.state.openChat = bare;
    d.m.markers.sendDisplayed(bare);  // XEP-0333, roster contacts only, while the page is seen
    if (!im::isOccupantChat(bare)) d.m.archive.ensureRecent(bare);  // a new device: the chat's newest archive page
    d.core.touch();
}

void Client::closeChat() {
    Impl& d = *m_impl;
    if (!d.state.openChat.empty()) d.m.history.trim(d.state.openChat);
    d.state.openChat.clear();
    d.core.touch();
}

void Client::sendMessage(const std::string& jid, const std::string& text) {
    Impl& d = *m_impl;
    const std::string bare = chatKey(d.state, jid);  // a room occupant's JID: a private message, type 'chat'
    if (bare.empty() || text.empty() || d.core.account.empty()) return;
    if (d.m.muc.isRoom(bare)) d.m.chat.sendMessage(bare, text, d.m.muc.ownOccupantJid(bare));  // type='groupchat'
    else d.m.chat.sendMessage(bare, text);
}

bool Client::joinRoom(const std::string& room, const std::string& nick, const std::string& password) {
    return m_impl->m.muc.joinRoom(room, nick, password);
}
bool Client::createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                        const std::vector<std::string>& members) {
    return m_impl->m.muc.createRoom(room, nick, isPrivate, members);
}
bool Client::leaveRoom(const std::string& room) { return m_impl->m.muc.leaveRoom(room); }
bool Client::setRoomSubject(const std::string& room, const std::string& subject) {
    return m_impl->m.muc.setSubject(room, subject);
}
bool Client::kick(const std::string& room, const std::string& nick, const std::string& reason) {
    return m_impl->m.muc.kick(room, nick, reason);
}
bool Client::ban(const std::string& room, const std::string& jid, const std::string& reason) {
    return m_impl->m.muc.ban(room, jid, reason);
}
bool Client::grantMembership(const std::string& room, const std::string& jid) {
    return m_impl->m.muc.grantMembership(room, jid);
}
bool Client::invite(const std::string& room, const std::string& jid) { return m_impl->m.muc.invite(room, jid); }

void Client::resendMessage(const std::string& jid, const std::string& messageId) {
    if (m_impl->core.account.empty()) return;
    if (retryTransfer(jid, messageId)) return;  // a file whose upload failed goes up again first
    m_impl->m.chat.resendMessage(chatKey(m_impl->state, jid), messageId);
}

bool Client::reply(const std::string& jid, const std::string& messageId, const std::string& text) {
    return !m_impl->core.account.empty() && m_impl->m.replies.reply(chatKey(m_impl->state, jid), messageId, text);
}

bool Client::correct(const std::string& jid, const std::string& messageId, const std::string& text) {
    return !m_impl->core.account.empty() && m_impl->m.correction.correct(chatKey(m_impl->state, jid), messageId, text);
}

bool Client::retract(const std::string& jid, const std::string& messageId) {
    return !m_impl->core.account.empty() && m_impl->m.retraction.retract(chatKey(m_impl->state, jid), messageId);
}

bool Client::react(const std::string& jid, const std::string& messageId, const std::vector<std::string>& emoji) {
    return !m_impl->core.account.empty() && m_impl->m.reactions.react(chatKey(m_impl->state, jid), messageId, emoji);
}

void Client::clearNotice() {
    m_impl->state.notice.clear();
    m_impl->core.touch();
}

void Client::setLanguage(const std::string& language) { m_impl->m.account.setLanguage(language); }

void Client::loadOlder(const std::string& jid) {
    if (const std::string key = chatKey(m_impl->state, jid); im::isOccupantChat(key)) {
        m_impl->m.history.loadOlderLocal(key);  // a private chat's older messages: only what is stored here
        return;
    }
    const std::string bare = im::normalizedAccount(jid);
    if (!bare.empty()) m_impl->m.archive.loadOlder(bare);
}

void Client::loadMissing(const std::string& jid) {
    if (jid.empty()) {
        m_impl->m.archive.loadMissing({});
        return;
    }
    const std::string bare = im::normalizedAccount(jid);
    if (!bare.empty()) m_impl->m.archive.loadMissing(bare);
}

bool Client::revealMessage(const std::string& jid, const std::string& messageId) {
    return m_impl->m.history.reveal(im::normalizedAccount(jid), messageId);
}

void Client::search(const std::string& query) { m_impl->m.search.search(query); }
void Client::searchStep() { m_impl->m.search.step(); }

void Client::setActive(bool active) {
    Impl& d = *m_impl;
    if (d.core.active == active) return;
    d.m.csi.setActive(active);
    if (active && !d.state.openChat.empty()) d.m.markers.sendDisplayed(d.state.openChat);
}

void Client::setMuted(const std::string& jid, bool muted) {
    m_impl->m.alerts.setMuted(chatKey(m_impl->state, jid), muted);  // a private chat's own, not its room's
}
void Client::setAlertSwitches(bool notify, bool sound) { m_impl->m.alerts.setSwitches(notify, sound); }
std::vector<model::Alert> Client::takeAlerts() {
    std::vector<model::Alert> out;
    out.swap(m_impl->state.alerts.pending);
    return out;
}

void Client::setTyping(const std::string& jid, bool typing) {
    m_impl->m.chatStates.typed(im::normalizedAccount(jid), typing);
}

void Client::setChatEncryption(const std::string& jid, bool on) {
    Impl& d = *m_impl;
    const std::string bare = im::normalizedBare(jid);
    if (bare.empty()) return;
    d.m.omemo.service().setChatEncryption(bare, on ? omemo::ChatEncryption::On : omemo::ChatEncryption::Off);
    d.m.omemoMuc.refresh(bare);  // a room's Room::encrypted
    d.core.touch();
    d.m.chat.flushQueued();
}

void Client::setDeviceTrust(const std::string& jid, std::uint32_t device, bool trusted) {
    Impl& d = *m_impl;
    const std::string bare = im::normalizedBare(jid);
    if (bare.empty()) return;
    d.m.omemo.service().setTrust(bare, device, trusted ? omemo::Trust::Verified : omemo::Trust::Untrusted);
    d.core.touch();
}

void Client::setLogger(std::function<void(std::string_view line)> logger) { m_impl->core.logger = std::move(logger); }

std::vector<ModuleDescription> Client::modules() const {
    Impl& d = *m_impl;
    std::vector<ModuleDescription> out;
    for (modules::Module* mod : d.m.all()) {
        ModuleDescription desc;
        desc.name = mod->name();
        desc.features = mod->features();
        for (const auto& reg : d.router.registrations()) {
            if (reg.module != desc.name) continue;
            const router::Filter& f = reg.filter;
            std::string types;
            for (const auto& t : f.types) types += (types.empty() ? "" : ",") + (t.empty() ? std::string("-") : t);
            const char* kind = f.kind == router::Kind::Iq ? "iq" : f.kind == router::Kind::Message ? "message" : "presence";
            desc.handles.push_back(std::string(kind) + " " + (types.empty() ? "*" : types) + " " + f.ns + " " + f.name);
        }
        for (std::size_t s = 0; s < im::kStageCount; ++s)
            for (const auto& who : d.incoming.contributors(static_cast<im::Stage>(s)))
                if (who == desc.name) desc.stages.push_back(std::string("incoming:") + im::stageName(static_cast<im::Stage>(s)));
        static const char* kOut[] = {"decorate", "encrypt", "send"};
        for (std::size_t s = 0; s < im::kOutStageCount; ++s)
            for (const auto& who : d.outgoing.contributors(static_cast<im::OutStage>(s)))
                if (who == desc.name) desc.stages.push_back(std::string("outgoing:") + kOut[s]);
        for (const auto& who : d.m.presence.decoratedBy())
            if (who == desc.name) desc.stages.push_back("presence:decorate");
        out.push_back(std::move(desc));
    }
    return out;
}

const ClientConfig& Client::config() const { return m_impl->m.account.config(); }
const model::State& Client::state() const { return m_impl->state; }
std::uint64_t Client::revision() const { return m_impl->core.revision; }

}  // namespace starling
