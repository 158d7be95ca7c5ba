// The call state machine: Jingle IQs from the peer and what the browser's media layer hands us.
#include <algorithm>
#include <utility>

#include "core/calls/call_session.h"
#include "core/calls/jingle_sdp.h"
#include "core/im/jid_util.h"

namespace starling::calls {

using model::CallState;
using Kind = model::CallMediaEvent::Kind;

namespace {

// Why a session-initiate is no call we can take ("" when it is one).
std::string unsupported(const xep::Jingle& j) {
    if (j.contents.empty()) return "unsupported-applications";
    for (const auto& c : j.contents) {
        if (!c.description || c.otherApplication) return "unsupported-applications";
        if (!c.transport || c.otherTransport) return "unsupported-transports";
    }
    return {};
}

router::IqAnswer unknownSession() { return router::IqAnswer::error("cancel", "item-not-found", "unknown-session"); }

}  // namespace

void CallSession::remoteDescriptionGiven() {
    m_remoteGiven = true;
    for (auto& [mid, candidate] : m_pendingRemote) media(Kind::RemoteCandidate, {}, mid, candidate);
    m_pendingRemote.clear();
}

void CallSession::remoteCandidates(const xep::Jingle& jingle) {
    for (const auto& c : jingle.contents) {
        if (!c.transport) continue;
        for (const auto& k : c.transport->candidates) {
            std::string line = candidateToSdp(k);
            if (line.empty()) continue;
            if (m_remoteGiven) media(Kind::RemoteCandidate, {}, c.name, std::move(line));
            else if (m_pendingRemote.size() < 64) m_pendingRemote.emplace_back(c.name, std::move(line));
        }
    }
}

router::IqAnswer CallSession::incomingInitiate(const std::string& from, const xep::Jingle& j, std::int64_t now) {
    const std::string why = unsupported(j);
    const auto refuse = [&](const std::string& sid, const std::string& condition) {
        xep::Jingle t;
        t.action = xep::JingleAction::SessionTerminate;
        t.sid = sid;
        t.reason = xep::JingleReason{condition, ""};
        sendJingle(from, std::move(t));
        return router::IqAnswer::result();  // acknowledged, then terminated (XEP-0166 §6.3.2)
    };
    // The session our XEP-0353 proceed asked for.
    if (busy() && j.sid == m_call.sid) {
        if (!(m_call.jmi && m_call.incoming && m_call.state == CallState::Connecting && !m_offer && samePeer(from)))
            return router::IqAnswer::error("cancel", "unexpected-request", "out-of-order");
        if (!why.empty()) {
            m_offer = j;
            terminate(why, now);
            return router::IqAnswer::result();
        }
        m_offer = j;
        auto sdp = sdpFromJingle(j.contents, j.groups, true, j.sid);
        if (!sdp) {
            terminate("failed-application", now);
            return router::IqAnswer::result();
        }
        media(Kind::AnswerOffer, std::move(*sdp));
        remoteDescriptionGiven();
        return router::IqAnswer::result();
    }
    if (busy()) return refuse(j.sid, "busy");
    if (!why.empty()) return refuse(j.sid, why);
    // A direct session-initiate (no XEP-0353): it rings here.
    const bool video = std::any_of(j.contents.begin(), j.contents.end(),
                                   [](const xep::JingleContent& c) { return c.description->media == "video"; });
    auto full = jid::Jid::parse(from);
    if (!full || full->resource().empty()) return router::IqAnswer::error("modify", "bad-request");
    begin(CallState::Ringing, j.sid, full->full(), true, video, false, now);
    m_offer = j;
    xep::Jingle ringing;  // XEP-0167 §7: the caller shows that it rings here
    ringing.action = xep::JingleAction::SessionInfo;
    ringing.sid = j.sid;
    ringing.initiator = j.initiator.empty() ? m_call.peer : j.initiator;
    ringing.info = "ringing";
    sendJingle(m_call.peer, std::move(ringing));
    return router::IqAnswer::result();
}

router::IqAnswer CallSession::onJingle(const std::string& from, const xep::Jingle& j, std::int64_t now) {
    using A = xep::JingleAction;
    if (j.action == A::SessionInitiate) return incomingInitiate(from, j, now);
    if (!busy() || j.sid != m_call.sid || !samePeer(from) || im::resourceOf(m_call.peer).empty()) return unknownSession();
    switch (j.action) {
        case A::SessionAccept: {
            if (m_call.incoming || !m_sentSession || m_remoteGiven)
                return router::IqAnswer::error("cancel", "unexpected-request", "out-of-order");
            auto sdp = sdpFromJingle(j.contents, j.groups, false, j.sid);
            if (!sdp) {
                terminate("failed-application", now);
                return router::IqAnswer::result();
            }
            media(Kind::RemoteAnswer, std::move(*sdp));
            remoteDescriptionGiven();
            if (m_call.state == CallState::Outgoing) {
                m_call.state = CallState::Connecting;
                m_deadline = now + kConnectTimeoutMs;
                m_changed = true;
            }
            return router::IqAnswer::result();
        }
        case A::SessionTerminate: {
            const std::string condition = j.reason ? j.reason->condition : "success";
            const bool proceeded = m_call.state == CallState::Connecting || m_call.state == CallState::Connected;
            if (m_call.jmi && proceeded)
                sendJmi(m_call.peer, xep::JmiAction::Finish, m_call.sid, xep::JingleReason{condition, ""});
            end(condition, true, now);
            return router::IqAnswer::result();
        }
        case A::TransportInfo: remoteCandidates(j); return router::IqAnswer::result();
        case A::SessionInfo:
            if (j.info == "ringing" && !m_call.incoming) {
                m_call.peerRinging = true;
                m_changed = true;
            }
            return router::IqAnswer::result();  // also an empty one: a session ping
        default: return router::IqAnswer::error("cancel", "feature-not-implemented", "unsupported-info");
    }
}

bool CallSession::localDescription(const std::string& sdp, std::int64_t now) {
    if (!busy() || m_sentSession) return false;
    const bool offering = !m_call.incoming;
    if (offering ? im::resourceOf(m_call.peer).empty() : !m_offer) return false;  // nobody to send it to yet
    auto j = jingleFromSdp(sdp, offering, &m_candidateIds);
    if (!j) {
        terminate("failed-application", now);
        return false;
    }
    xep::Jingle out;
    out.action = offering ? xep::JingleAction::SessionInitiate : xep::JingleAction::SessionAccept;
    out.sid = m_call.sid;
    out.initiator = offering ? m_env.ownJid() : (m_offer->initiator.empty() ? m_call.peer : m_offer->initiator);
    if (!offering) out.responder = m_env.ownJid();
    out.contents = std::move(j->contents);
    out.groups = std::move(j->groups);
    if (!out.contents.empty() && out.contents[0].transport) {
        m_localTransport.ufrag = out.contents[0].transport->ufrag;
        m_localTransport.pwd = out.contents[0].transport->pwd;
    }
    sendJingle(m_call.peer, std::move(out));
    m_sentSession = true;
    for (auto& [mid, candidate] : std::exchange(m_pendingLocal, {})) localCandidate(mid, candidate);
    return true;
}

bool CallSession::localCandidate(const std::string& mid, const std::string& candidate) {
    if (!busy()) return false;
    if (!m_sentSession) {
        if (m_pendingLocal.size() >= 64) return false;
        m_pendingLocal.emplace_back(mid, candidate);
        return true;
    }
    auto k = candidateFromSdp(candidate, "c" + std::to_string(m_candidateIds++));
    if (!k || !sdpToken(mid)) return false;  // also the empty end-of-candidates
    xep::Jingle t;
    t.action = xep::JingleAction::TransportInfo;
    t.sid = m_call.sid;
    t.initiator = m_call.incoming ? (m_offer && !m_offer->initiator.empty() ? m_offer->initiator : m_call.peer) : m_env.ownJid();
    xep::JingleContent c;
    c.name = mid;
    c.transport = m_localTransport;
    c.transport->candidates = {std::move(*k)};
    t.contents.push_back(std::move(c));
    sendJingle(m_call.peer, std::move(t));
    return true;
}

void CallSession::mediaConnected(std::int64_t now) {
    if (m_call.state != CallState::Connecting) return;
    m_call.state = CallState::Connected;
    m_call.connectedMs = now;
    m_deadline = 0;
    m_changed = true;
}

void CallSession::mediaFailed(std::int64_t now, const std::string& condition) {
    const bool known = condition == "media-error" || condition == "failed-application" || condition == "connectivity-error";
    terminate(known ? condition : "connectivity-error", now);
}

}  // namespace starling::calls
