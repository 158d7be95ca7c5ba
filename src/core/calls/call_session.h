#pragma once
// One call at a time, as a state machine driven by explicit inputs with injected time (no stanzas sent
// from here: it queues them, the calls module sends them). Idle → Outgoing (our XEP-0353 proposal rings
// every device of the peer, or a direct session-initiate to a full JID) or Ringing (a proposal or a
// session-initiate for us) → Connecting (proceed / accept; the SDP goes between the browser and
// Jingle) → Connected (the media layer says ICE+DTLS are up) → Ended (with the Jingle reason).
//   - A proposal nobody takes is retracted after kRingTimeoutMs; one ringing here that its caller never
//     retracts ends after kIncomingRingTimeoutMs; a call accepted but never connected after
//     kConnectTimeoutMs (connectivity-error).
//   - Our other device's proceed or reject (a carbon) stops our ringing (Call::elsewhere).
//   - A second call while one is going on is answered busy (XEP-0353 reject, or session-terminate);
//     but when the peer we are proposing to proposes to us at the same time, the lower session id wins
//     (XEP-0353 §4.1): theirs lower, we retract ours and take theirs (we both wanted this call); ours
//     lower, we reject theirs — both with <tie-break/>.
//   - The peer's session-terminate, finish or unavailable presence ends the call with its reason.
//   - Jingle IQs are taken only from the session's peer; candidates trickle both ways (transport-info),
//     those arriving before the browser has the remote description wait for it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/call.h"
#include "core/router/stanza_router.h"
#include "core/xep/xep0166_jingle.h"
#include "core/xep/xep0353_jingle_message.h"

namespace starling::calls {

inline constexpr std::int64_t kRingTimeoutMs = 45000;
inline constexpr std::int64_t kIncomingRingTimeoutMs = 60000;
inline constexpr std::int64_t kConnectTimeoutMs = 30000;

// A stanza to send: an IQ's error or timeout ends the call with session `sid` (CallSession::onIqFailed).
struct OutStanza {
    xml::Element stanza;
    bool iq = false;
    std::string sid;
};

class CallSession {
public:
    struct Env {
        std::function<std::string()> ownJid;                  // our full JID
        std::function<std::string()> newId;                   // a fresh unique id (UUID)
        std::function<bool(const std::string& bare)> inRoster;
    };
    explicit CallSession(Env env) : m_env(std::move(env)) {}

    const model::Call& call() const { return m_call; }
    bool busy() const;  // a call is going on (not Idle nor Ended)

    // Intents. start: a bare JID rings all their devices (XEP-0353), a full JID gets a direct
    // session-initiate. False when busy, or the JID is ours or not valid.
    bool start(const std::string& jid, bool video, std::int64_t now);
    bool accept(std::int64_t now);
    bool decline(std::int64_t now);
    bool hangUp(std::int64_t now);

    // The media layer.
    bool localDescription(const std::string& sdp, std::int64_t now);
    bool localCandidate(const std::string& mid, const std::string& candidate);
    void mediaConnected(std::int64_t now);
    // Ends the call with `condition` when it is one the media layer may give (media-error,
    // failed-application, connectivity-error), connectivity-error otherwise.
    void mediaFailed(std::int64_t now, const std::string& condition = "connectivity-error");

    // The network. `fromOurAccount`: a carbon of what our other device sent (XEP-0280 sent).
    void onJmi(const std::string& from, const std::string& to, const xep::Jmi& jmi, bool fromOurAccount, std::int64_t now);
    router::IqAnswer onJingle(const std::string& from, const xep::Jingle& jingle, std::int64_t now);
    void onIqFailed(const std::string& sid, const std::string& condition, std::int64_t now);
    void onUnavailable(const std::string& fullJid, std::int64_t now);
    void onDisconnected(std::int64_t now);  // a new XMPP session: our full JID changed, the peer lost us
    void onTimer(std::int64_t now);

    std::vector<OutStanza> takeStanzas();
    std::vector<model::CallMediaEvent> takeMediaEvents();
    bool takeChanged();  // the call changed since the last take

private:
    void begin(model::CallState state, const std::string& sid, const std::string& peer, bool incoming, bool video,
               bool jmi, std::int64_t now);
    void end(const std::string& condition, bool byPeer, std::int64_t now, bool elsewhere = false);
    void sendJmi(const std::string& to, xep::JmiAction action, const std::string& sid,
                 std::optional<xep::JingleReason> reason = std::nullopt, std::vector<std::string> media = {},
                 bool tieBreak = false);
    bool tieBreak(const std::string& from, const xep::Jmi& propose, std::int64_t now);
    void sendJingle(const std::string& to, xep::Jingle jingle);
    void terminate(const std::string& condition, std::int64_t now);  // ours: tell the peer, end
    void media(model::CallMediaEvent::Kind kind, std::string sdp = {}, std::string mid = {}, std::string candidate = {});
    void remoteDescriptionGiven();
    void remoteCandidates(const xep::Jingle& jingle);
    router::IqAnswer incomingInitiate(const std::string& from, const xep::Jingle& jingle, std::int64_t now);
    bool samePeer(const std::string& from) const;

    Env m_env;
    model::Call m_call;
    std::int64_t m_deadline = 0;  // ring or connect timeout (0: none)
    std::optional<xep::Jingle> m_offer;       // a received session-initiate waiting for the accept
    bool m_sentSession = false;               // our session-initiate or session-accept is out
    bool m_remoteGiven = false;               // the browser has the remote description
    std::vector<std::pair<std::string, std::string>> m_pendingRemote;  // mid, candidate
    std::vector<std::pair<std::string, std::string>> m_pendingLocal;   // before our initiate/accept
    xep::IceUdpTransport m_localTransport;    // our ufrag/pwd (for transport-info)
    std::vector<OutStanza> m_out;
    std::vector<model::CallMediaEvent> m_media;
    std::uint32_t m_candidateIds = 0;
    bool m_changed = false;
};

}  // namespace starling::calls
