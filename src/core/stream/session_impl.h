#pragma once
// Private state of Session, shared by session.cpp (lifecycle, inputs, events, reconnect),
// session_negotiation.cpp (features, registration, SASL, bind), session_sm.cpp (XEP-0198) and
// session_stream_errors.cpp (how a stream ends). Not part of the contract.
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "core/stream/framing.h"
#include "core/stream/iq_tracker.h"
#include "core/stream/scram.h"
#include "core/stream/session.h"
#include "core/xep/xep0077_register.h"
#include "core/xep/xep0198_stream_management.h"

namespace starling::stream {

enum class Phase {
    None,           // no stream
    AwaitOpen,      // sent <open/>, waiting for the server's
    AwaitFeatures,  // got <open/>, waiting for <stream:features/>
    Registering,    // XEP-0077 iq get/set in flight
    Sasl,           // <auth/> sent
    Binding,        // bind (and legacy session) iq in flight
    Resuming,       // XEP-0198 <resume/> sent after SASL
    Done,           // established
};

struct Session::Impl {
    explicit Impl(Session& s) : self(s) {}

    Session& self;
    SessionConfig config;
    std::string localpart;
    std::string domain;
    std::string bareJid;
    std::string currentUrl;

    Phase phase = Phase::None;
    StreamFeatures features;
    bool authenticated = false;      // SASL succeeded on the current connection
    bool registrationDone = false;   // XEP-0077 account created (once per start())
    bool registrationAwaitsAnswer = false;  // interactive: a form is shown, submitRegistration next
    bool preauthDone = false;        // XEP-0401 token accepted on this connection
    static constexpr std::int64_t kAnswerTimeMs = 60LL * 60 * 1000;  // a person fills in the form
    bool everEstablished = false;    // since start(): decides reconnect vs. failure
    bool needSessionIq = false;
    std::unique_ptr<ScramClient> scram;
    std::string mechanism;           // being negotiated
    int reconnectAttempt = 0;
    std::int64_t reconnectAtMs = 0;
    std::int64_t deadlineMs = 0;     // negotiation deadline of the current attempt
    int redirects = 0;               // since start(), or since a session that stayed up kStableSessionMs
    std::int64_t policyViolationAtMs = -1;  // last <policy-violation/> stream error (see handleStreamError)
    // Protocol violations by the server (violation()): how many in a row, each within
    // kViolationWindowMs of the one before, and when the last one was.
    static constexpr std::int64_t kViolationWindowMs = 10 * 60 * 1000;
    int violations = 0;
    std::int64_t violationAtMs = -1;
    std::int64_t establishedAtMs = 0;
    static constexpr std::int64_t kStableSessionMs = 60'000;
    bool transportOpen = false;
    std::int64_t lastFrameMs = 0;     // last frame received (keepalive)
    bool pingPending = false;      // open() called and neither side closed it since

    // XEP-0198 (session_sm.cpp)
    enum class SmMode { Off, Requested, Enabled };
    static constexpr int kAckBatch = 5;                 // <r/> after this many unrequested stanzas
    static constexpr std::int64_t kAckDelayMs = 250;    // or this long after the first of them
    SmMode smMode = SmMode::Off;
    xep::SmCounters sm;
    std::string smId;
    bool smResumable = false;
    bool resumePending = false;  // the next connection sends <resume previd=smId/>
    int smUnrequested = 0;        // stanzas sent since the last <r/>
    bool smRequestOut = false;    // an <r/> is waiting for its <a/>
    // Right after <resumed/> an <r/> goes out and its <a/> is expected within kResumeAckTimeoutMs:
    // Prosody 0.12 can glue a frame the cut left half-read to the resumed connection's bytes and then
    // silently drop what we send. A check that failed once is not shortened again until an <a/> comes
    // in time (a very slow link must not loop on reconnects).
    static constexpr std::int64_t kResumeAckTimeoutMs = 8000;
    bool smResumeCheck = false;
    bool smResumeCheckFailed = false;
    // Resumptions in a row that brought no ack: the connection ended (however: check timed out, cut,
    // closed, <resume/> never answered) before an <a/> came, and the next <resumed h/> did not show that
    // the server handled anything sent on it either (a slow server's late handling does). At
    // kMaxResumesWithoutAck the session is given up and a new one is bound: resuming a session the
    // server no longer reads re-sends the same tail forever (issue 11: four minutes of it).
    static constexpr int kMaxResumesWithoutAck = 2;
    int smResumesWithoutAck = 0;
    std::int64_t smRequestSentMs = 0;
    std::int64_t smRequestAtMs = 0;

    IqTracker iqs;
    std::deque<std::function<void()>> events;
    bool draining = false;

    // session.cpp
    void log(std::string_view text);
    void post(std::function<void()> event);
    void drain();
    void setState(SessionState s);
    void connect();
    void resetConnection();
    void deliver(std::vector<IqOutcome> outcomes);
    void fail(Error error);                  // terminal: close, Failed, onFailed
    void connectionLost(std::string reason); // reconnect if once established, else fail "unreachable"
    void handleFrame(const xml::Element& frame);
    void handleStanza(const xml::Element& stanza);
    void closeTransport(bool sendClose);  // <close/> first if a stream is open
    void sendElement(const xml::Element& el);
    void sendInternalIq(xml::Element iq, IqCallback callback, bool secret = false);
    void sendSecret(xml::Element& el);  // sends, then zeroes the wire text and el's text content
    void wipePassword();
    void keepalive(std::int64_t now);

    // session_stream_errors.cpp
    void handleClose(const xml::Element& close);
    void handleStreamError(const xml::Element& error);
    void violation(const std::string& what);  // our <bad-format/> stream error, <close/>, then reconnect

    // session_negotiation.cpp
    void sendOpen();
    void handleFeatures(const xml::Element& frame);
    void startRegistration();
    void askRegistrationForm();
    void onRegistrationForm(const Result<xml::Element>& reply);
    void onRegistrationDone(const Result<xml::Element>& reply);
    void startSasl();
    void handleSasl(const xml::Element& frame);
    void onAuthenticated();
    void startBind();
    void onBound(const Result<xml::Element>& reply);
    void onSessionReply(const Result<xml::Element>& reply);
    void established();

    // session_sm.cpp
    void sendStanza(const xml::Element& stanza);  // counted and queued when SM is on
    void smStart();                                // after bind: <enable resume='true'/>
    void smForget();                               // no SM state survives (new session next)
    void smRequestNow();
    void smTimer(std::int64_t now);
    void handleSm(const xml::Element& frame);
    bool smTryResume();                            // after SASL: sends <resume/> if possible
    bool smResumeAfterLoss();                      // connection lost: may the next one resume?
    void smResumed(const xml::Element& frame);
    void smResumeFailed(const xml::Element& frame);
    void smAcked(std::vector<xml::Element> stanzas);
    void smImpossibleAck(std::uint32_t h);
};

// Mechanism choice: strongest offered that we can use (SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN), never
// weaker than `pinned`. Error "no-mechanism", or "need-password" if only the password is missing.
Result<std::string> chooseMechanism(const std::vector<std::string>& offered, bool havePassword,
                                    const std::optional<ScramCache>& cache, bool allowPlain,
                                    std::string_view pinned);

}  // namespace starling::stream
