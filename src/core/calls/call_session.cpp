// The call state machine: intents, XEP-0353 messages, timers, the end of a call. Jingle IQs and the
// media layer's inputs are in call_session_jingle.cpp.
#include "core/calls/call_session.h"

#include <algorithm>
#include <utility>

#include "core/calls/jingle_sdp.h"
#include "core/im/jid_util.h"

namespace starling::calls {

using model::CallState;
using Kind = model::CallMediaEvent::Kind;

namespace {

std::string normalizedFull(std::string_view text) {
    auto j = jid::Jid::parse(text);
    return j ? j->full() : std::string();
}

}  // namespace

bool CallSession::busy() const { return m_call.state != CallState::Idle && m_call.state != CallState::Ended; }

bool CallSession::samePeer(const std::string& from) const {
    if (im::resourceOf(m_call.peer).empty()) return im::normalizedBare(from) == m_call.peer;
    return normalizedFull(from) == m_call.peer;
}

void CallSession::begin(CallState state, const std::string& sid, const std::string& peer, bool incoming, bool video,
                        bool jmi, std::int64_t now) {
    m_call = model::Call{};
    m_call.state = state;
    m_call.sid = sid;
    m_call.peer = peer;
    m_call.incoming = incoming;
    m_call.video = video;
    m_call.jmi = jmi;
    m_call.stranger = incoming && !m_env.inRoster(im::normalizedBare(peer));
    m_call.startedMs = now;
    m_deadline = now + (incoming ? kIncomingRingTimeoutMs : kRingTimeoutMs);
    m_offer.reset();
    m_sentSession = m_remoteGiven = false;
    m_pendingRemote.clear();
    m_pendingLocal.clear();
    m_localTransport = {};
    m_changed = true;
}

void CallSession::end(const std::string& condition, bool byPeer, std::int64_t now, bool elsewhere) {
    if (!busy()) return;
    m_call.state = CallState::Ended;
    m_call.reason = condition;
    m_call.endedByPeer = byPeer;
    m_call.elsewhere = elsewhere;
    m_call.endedMs = now;
    m_deadline = 0;
    m_offer.reset();
    m_pendingRemote.clear();
    m_pendingLocal.clear();
    media(Kind::Close);
    m_changed = true;
}

void CallSession::sendJmi(const std::string& to, xep::JmiAction action, const std::string& sid,
                          std::optional<xep::JingleReason> reason, std::vector<std::string> mediaList,
                          bool tieBreak) {
    xep::Jmi jmi;
    jmi.tieBreak = tieBreak;
    jmi.action = action;
    jmi.id = sid;
    jmi.reason = std::move(reason);
    jmi.media = std::move(mediaList);
    m_out.push_back({xep::jmiMessage(to, m_env.newId(), jmi), false, sid});
}

void CallSession::sendJingle(const std::string& to, xep::Jingle jingle) {
    m_out.push_back({xep::jingleIq(to, jingle), true, jingle.sid});
}

void CallSession::media(Kind kind, std::string sdp, std::string mid, std::string candidate) {
    model::CallMediaEvent e;
    e.kind = kind;
    e.sid = m_call.sid;
    e.video = m_call.video;
    e.sdp = std::move(sdp);
    e.mid = std::move(mid);
    e.candidate = std::move(candidate);
    m_media.push_back(std::move(e));
}

// Ours: the peer is told (session-terminate once there is a session, XEP-0353 finish once they proceeded).
void CallSession::terminate(const std::string& condition, std::int64_t now) {
    if (!busy()) return;
    if (m_sentSession || m_offer) {
        xep::Jingle t;
        t.action = xep::JingleAction::SessionTerminate;
        t.sid = m_call.sid;
        t.reason = xep::JingleReason{condition, ""};
        sendJingle(m_call.peer, std::move(t));
    }
    const bool proceeded = m_call.state == CallState::Connecting || m_call.state == CallState::Connected;
    if (m_call.jmi && proceeded) sendJmi(m_call.peer, xep::JmiAction::Finish, m_call.sid, xep::JingleReason{condition, ""});
    end(condition, false, now);
}

bool CallSession::start(const std::string& jid, bool video, std::int64_t now) {
    if (busy()) return false;
    auto j = jid::Jid::parse(jid);
    if (!j || j->local().empty()) return false;
    const std::string own = im::normalizedBare(m_env.ownJid());
    if (j->bareString() == own) return false;
    const std::string sid = m_env.newId();
    if (j->resource().empty()) {
        begin(CallState::Outgoing, sid, j->bareString(), false, video, true, now);
        std::vector<std::string> mediaList{"audio"};
        if (video) mediaList.emplace_back("video");
        sendJmi(j->bareString(), xep::JmiAction::Propose, sid, std::nullopt, std::move(mediaList));
    } else {
        // A device named: a direct session-initiate, as clients without XEP-0353 (StanzaJS) expect.
        begin(CallState::Outgoing, sid, j->full(), false, video, false, now);
        media(Kind::CreateOffer);
    }
    return true;
}

bool CallSession::accept(std::int64_t now) {
    if (m_call.state != CallState::Ringing) return false;
    m_call.state = CallState::Connecting;
    m_deadline = now + kConnectTimeoutMs;
    m_changed = true;
    if (!m_offer) {  // XEP-0353: the caller sends its session-initiate after our proceed
        sendJmi(m_call.peer, xep::JmiAction::Proceed, m_call.sid);
        return true;
    }
    auto sdp = sdpFromJingle(m_offer->contents, m_offer->groups, true, m_call.sid);
    if (!sdp) {
        terminate("failed-application", now);
        return true;
    }
    media(Kind::AnswerOffer, std::move(*sdp));
    remoteDescriptionGiven();
    return true;
}

bool CallSession::decline(std::int64_t now) {
    if (m_call.state != CallState::Ringing) return false;
    if (m_call.jmi && !m_offer) {
        sendJmi(m_call.peer, xep::JmiAction::Reject, m_call.sid, xep::JingleReason{"decline", ""});
        end("decline", false, now);
        return true;
    }
    terminate("decline", now);
    return true;
}

bool CallSession::hangUp(std::int64_t now) {
    switch (m_call.state) {
        case CallState::Ringing: return decline(now);
        case CallState::Outgoing:
            if (m_call.jmi) {
                sendJmi(m_call.peer, xep::JmiAction::Retract, m_call.sid, xep::JingleReason{"cancel", ""});
                end("cancel", false, now);
            } else {
                terminate("cancel", now);
            }
            return true;
        case CallState::Connecting: terminate("cancel", now); return true;
        case CallState::Connected: terminate("success", now); return true;
        default: return false;
    }
}

void CallSession::onJmi(const std::string& from, const std::string& to, const xep::Jmi& jmi, bool fromOurAccount,
                        std::int64_t now) {
    using A = xep::JmiAction;
    if (fromOurAccount) {
        // Our other device took or declined the call ringing here too (XEP-0353 §3.4, via carbons).
        const bool ours = m_call.state == CallState::Ringing && m_call.jmi && jmi.id == m_call.sid &&
                          im::normalizedBare(to) == im::normalizedBare(m_call.peer);
        if (ours && jmi.action == A::Proceed) end("success", false, now, true);
        if (ours && jmi.action == A::Reject) end("decline", false, now, true);
        return;
    }
    const std::string condition = jmi.reason ? jmi.reason->condition : std::string();
    switch (jmi.action) {
        case A::Propose: {
            if (busy()) {
                if (jmi.id != m_call.sid && !tieBreak(from, jmi, now))
                    sendJmi(from, A::Reject, jmi.id, xep::JingleReason{"busy", ""});
                return;
            }
            bool audio = false, video = false;
            for (const auto& m : jmi.media) {
                audio = audio || m == "audio";
                video = video || m == "video";
            }
            if (!audio && !video) return;  // nothing we could answer with
            begin(CallState::Ringing, jmi.id, normalizedFull(from), true, video, true, now);
            sendJmi(from, A::Ringing, jmi.id);
            return;
        }
        case A::Ringing:
            if (m_call.state == CallState::Outgoing && jmi.id == m_call.sid && samePeer(from)) {
                m_call.peerRinging = true;
                m_changed = true;
            }
            return;
        case A::Proceed:
            // The first device to take it is the peer from now on; later ones are too late.
            if (m_call.state == CallState::Outgoing && m_call.jmi && jmi.id == m_call.sid &&
                im::resourceOf(m_call.peer).empty() && samePeer(from) && !im::resourceOf(from).empty()) {
                m_call.peer = normalizedFull(from);
                m_call.state = CallState::Connecting;
                m_deadline = now + kConnectTimeoutMs;
                m_changed = true;
                media(Kind::CreateOffer);
            }
            return;
        case A::Reject:
            if (m_call.state == CallState::Outgoing && jmi.id == m_call.sid && samePeer(from))
                end(condition.empty() ? "decline" : condition, true, now);
            return;
        case A::Retract:
            if (m_call.incoming && busy() && jmi.id == m_call.sid && samePeer(from))
                end(condition.empty() ? "cancel" : condition, true, now);
            return;
        case A::Finish:
            if (busy() && jmi.id == m_call.sid && samePeer(from)) end(condition.empty() ? "success" : condition, true, now);
            return;
    }
}

// XEP-0353 §4.1: the peer we are proposing to (nobody has proceeded yet) proposes to us.
bool CallSession::tieBreak(const std::string& from, const xep::Jmi& propose, std::int64_t now) {
    using A = xep::JmiAction;
    if (m_call.state != CallState::Outgoing || !m_call.jmi || !im::resourceOf(m_call.peer).empty() ||
        im::normalizedBare(from) != m_call.peer || im::resourceOf(from).empty())
        return false;
    const xep::JingleReason expired{"expired", "Tie-Break"};
    if (!(propose.id < m_call.sid)) {  // "i;octet": ours is lower and wins
        sendJmi(from, A::Reject, propose.id, expired, {}, true);
        return true;
    }
    sendJmi(m_call.peer, A::Retract, m_call.sid, expired, {}, true);
    const bool video = m_call.video || std::find(propose.media.begin(), propose.media.end(), "video") != propose.media.end();
    begin(CallState::Ringing, propose.id, normalizedFull(from), true, video, true, now);
    accept(now);  // our click to call them is the consent to talk
    return true;
}

void CallSession::onIqFailed(const std::string& sid, const std::string& condition, std::int64_t now) {
    if (!busy() || sid != m_call.sid) return;
    const bool lost = condition == "timeout" || condition == "disconnected" || condition == "remote-server-timeout" ||
                      condition == "recipient-unavailable";
    if (m_call.jmi && m_call.state != CallState::Outgoing)
        sendJmi(m_call.peer, xep::JmiAction::Finish, m_call.sid, xep::JingleReason{lost ? "connectivity-error" : "general-error", ""});
    end(lost ? "connectivity-error" : "general-error", false, now);
}

void CallSession::onUnavailable(const std::string& fullJid, std::int64_t now) {
    if (!busy() || im::resourceOf(m_call.peer).empty()) return;
    if (normalizedFull(fullJid) == m_call.peer) end("gone", true, now);
}

void CallSession::onDisconnected(std::int64_t now) { end("connectivity-error", false, now); }

void CallSession::onTimer(std::int64_t now) {
    if (!busy() || m_deadline == 0 || now < m_deadline) return;
    switch (m_call.state) {
        case CallState::Outgoing:  // nobody answered
            if (m_call.jmi) {
                sendJmi(m_call.peer, xep::JmiAction::Retract, m_call.sid, xep::JingleReason{"cancel", "no answer"});
                end("timeout", false, now);
            } else {
                terminate("timeout", now);
            }
            return;
        case CallState::Ringing:  // a caller who never retracted (a lost message): missed
            if (m_offer) terminate("timeout", now);
            else end("timeout", false, now);
            return;
        case CallState::Connecting: terminate("connectivity-error", now); return;
        default: return;
    }
}

std::vector<OutStanza> CallSession::takeStanzas() { return std::exchange(m_out, {}); }
std::vector<model::CallMediaEvent> CallSession::takeMediaEvents() { return std::exchange(m_media, {}); }
bool CallSession::takeChanged() { return std::exchange(m_changed, false); }

}  // namespace starling::calls
