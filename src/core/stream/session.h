#pragma once
// One XMPP session over an RFC 7395 WebSocket: open → (optional XEP-0077 registration) → SASL
// (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN only if allowed) → bind → established; IQs tracked by id and
// sender with a timeout; <close/> and see-other-uri (same host only); reconnect with exponential
// back-off and jitter after an unexpected close of an established session. A protocol violation by the
// server (an <open/> mid-stream) is answered with a <bad-format/> stream error and <close/>, then
// treated as such a close (before the first login succeeded: failure "bad-frame").
//
// Callbacks are queued and run when the current input (onFrame, onTimer, ...) finishes, never
// re-entrantly; a callback may call send/sendIq/stop/start (their own callbacks run after it
// returns), but must not destroy the Session. The password is zeroed as soon as SCRAM keys are
// derived (kept only when PLAIN was used); reconnects authenticate with scramCache().
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/hash.h"
#include "core/stream/iq_tracker.h"  // IqCallback
#include "core/stream/scram.h"       // ScramCache
#include "core/util/result.h"
#include "core/xml/element.h"
#include "platform/clock.h"
#include "platform/random.h"
#include "platform/transport.h"

namespace starling::stream {

enum class SessionState {
    Idle,              // not started, or stopped
    Connecting,        // transport opening
    Negotiating,       // stream open, features, registration, SASL, bind
    Established,       // bound; stanzas flow
    WaitingReconnect,  // unexpected close, back-off timer running
    Failed,            // terminal until start() again (auth failure, registration refused, ...)
};

struct SessionConfig {
    std::string url;       // ws:// or wss:// endpoint
    std::string jid;       // bare JID localpart@domain
    std::string password;  // may be empty when scram is given
    std::optional<ScramCache> scram;
    std::string pinnedMechanism;  // strongest mechanism that worked before; others are refused
    bool allowPlain = false;
    bool registerAccount = false;  // XEP-0077 in-band registration before authenticating
    // XEP-0077 with the server's own form shown to the person: `jid` is the domain alone; the form goes
    // to onRegistrationForm and the session waits (without its negotiation timeout) for
    // submitRegistration, whose username and password it then logs in with. A refused answer is
    // reported to onRegistrationRefused and a fresh form is asked for (a new CAPTCHA).
    bool interactiveRegistration = false;
    // XEP-0401: an invitation's token, sent (<preauth/>) before the registration when the server offers
    // urn:xmpp:invite; a refused token fails the session with "invite-invalid".
    std::string preauthToken;
    std::string resource;          // requested resource; server may override
    std::int64_t negotiationTimeoutMs = 30000;  // connect + negotiate, else the attempt counts as lost
    // 0: off. Else, after this long without any frame from the server, a XEP-0199 ping goes to the
    // server; no reply within 30 s counts as a lost connection (reconnect). With XEP-0198 the ping also
    // sends an <r/>, so ackTimeoutMs (shorter) detects the loss first and the session is resumed.
    std::int64_t keepaliveMs = 0;
    // XEP-0198 with resumption when the server offers it: acks, the unacked queue, <resume/> after
    // an unexpected loss. Off: stanzas count as delivered once written (onAcked is never called).
    bool streamManagement = true;
    // XEP-0198: an <r/> unanswered this long means the connection is dead although the transport
    // did not say so (half-open TCP, a broken proxy): drop it without <close/> and resume. 0: off.
    std::int64_t ackTimeoutMs = 20000;
};

class Session {
public:
    Session(platform::Transport& transport, platform::Clock& clock, platform::Random& random);
    ~Session();

    // Callbacks (set by the owner). Invoked after dispatch of the current frame, never re-entrantly.
    std::function<void(const xml::Element&)> onStanza;  // message/presence/iq(get|set) in jabber:client
    std::function<void()> onEstablished;                  // a new session was bound (first or after a reconnect)
    // XEP-0198: the previous session was resumed after a reconnect: same bound JID, roster and
    // presence still valid on the server; the unacknowledged tail has been re-sent. onEstablished
    // is NOT called. (When resumption fails, or two resumptions in a row brought no ack, a new session
    // is bound and onEstablished is called; the old unacked stanzas are dropped: the owner re-sends
    // what it still needs, with the same ids.)
    std::function<void()> onResumed;
    // XEP-0198: the server acknowledged a stanza passed to send()/sendIq() (in send order). Also
    // called, for the stanzas sent meanwhile, when the server refuses <enable/>.
    std::function<void(const xml::Element&)> onAcked;
    std::function<void(SessionState)> onStateChanged;
    // Terminal failures: codes "not-authorized", "conflict" (registration: name taken),
    // "not-acceptable", "not-allowed" (registration closed), "unreachable", "no-mechanism",
    // "server-signature", "bad-frame", "stream-error:<condition>".
    // Also "need-password" (cached SCRAM keys no longer match the server), "bad-challenge" (malformed
    // or hostile SCRAM exchange), "redirect-refused" (see-other-uri to another host), "bad-jid",
    // "bind-failed". IQ callbacks pending at a disconnect get Error "disconnected".
    std::function<void(const Error&)> onFailed;
    // Interactive registration: the iq result holding the server's <query xmlns='jabber:iq:register'/>
    // (and any XEP-0231 data beside it); and an answer the server refused ("conflict",
    // "not-acceptable", "not-allowed", with its text), after which the next form follows.
    std::function<void(const xml::Element& iqResult)> onRegistrationForm;
    std::function<void(const Error&)> onRegistrationRefused;
    // Diagnostics (never contains passwords or SASL payloads). Called synchronously; must not call back.
    std::function<void(std::string_view)> onLog;

    void start(SessionConfig config);
    void stop();  // sends <close/>, closes transport, state Idle; pending IQs fail "disconnected"

    // Platform inputs.
    void onTransportOpen();
    void onFrame(std::string_view text);
    void onTransportClosed(std::string_view reason);
    void onTimer();  // checks IQ timeouts, reconnect timer, keepalive

    // Interactive registration: the person's answer to the last form (the iq set's <query/>) and the
    // account it creates. False (nothing sent) unless a form is waiting for an answer.
    bool submitRegistration(xml::Element query, std::string_view username, std::string password);
    bool registrationFormPending() const;

    // Stanzas (namespace jabber:client). Ignored unless Established.
    void send(const xml::Element& stanza);
    // Sets a fresh id; matches the reply by id and by sender (the `to` we used, or own bare/server
    // when empty).
    void sendIq(xml::Element iq, IqCallback callback, std::int64_t timeoutMs = 30000);

    SessionState state() const { return m_state; }
    // True when stanzas sent now are tracked by XEP-0198 (onAcked will report them).
    bool ackTracking() const;
    // True when an unexpected loss would be (or is being) followed by a resumption attempt.
    bool resumable() const;
    std::size_t unackedCount() const;
    // XEP-0352 (session_nonza.cpp): the server offered <csi/> on this stream; and a top-level element
    // that is no stanza (e.g. <inactive xmlns='urn:xmpp:csi:0'/>), never counted by XEP-0198.
    bool csiOffered() const;
    void sendNonza(const xml::Element& element);
    // XEP-0198: an <r/> now, when stream management is on (nothing otherwise).
    void requestAck();
    const std::string& boundJid() const { return m_boundJid; }
    // Set after a successful SCRAM authentication, for remember-me.
    const std::optional<ScramCache>& scramCache() const { return m_scramCache; }
    const std::string& mechanismUsed() const { return m_mechanismUsed; }
    // Milliseconds until the next reconnect attempt (WaitingReconnect), else -1.
    std::int64_t reconnectInMs() const;
    // WaitingReconnect: makes the pending attempt now ("Reconnect now"), keeping what a XEP-0198
    // resumption needs (the attempt resumes when it could have), and starts the back-off again from
    // its first step. False (nothing done) in any other state.
    bool reconnectNow();
    std::string newId();  // random id, also used for origin-id

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    SessionState m_state = SessionState::Idle;
    std::string m_boundJid;
    std::optional<ScramCache> m_scramCache;
    std::string m_mechanismUsed;
    platform::Transport& m_transport;
    platform::Clock& m_clock;
    platform::Random& m_random;
};

}  // namespace starling::stream
