// Session: how a stream ends. The server's <close/> (see-other-uri, same host only) and stream errors;
// and our own stream error when the server breaks the protocol.
#include <algorithm>
#include <utility>

#include "core/stream/session_impl.h"

namespace starling::stream {

namespace {

constexpr std::int64_t kPolicyRetryWindowMs = 10 * 60 * 1000;

// Stream errors after which reconnecting would only repeat the problem.
bool isFatalStreamError(const std::string& condition) {
    return condition == "conflict" || condition == "not-authorized" || condition == "policy-violation" ||
           condition == "host-unknown" || condition == "invalid-namespace" || condition == "unsupported-version" ||
           condition == "improper-addressing" || condition == "invalid-from";
}

}  // namespace

void Session::Impl::handleClose(const xml::Element& close) {
    if (auto uri = seeOtherUri(close)) {
        auto target = checkRedirect(currentUrl, *uri);
        if (!target) {
            fail(target.error());
            return;
        }
        // A server alternating redirect and establish must not loop: the count survives sessions
        // shorter than kStableSessionMs.
        if (self.m_state == SessionState::Established && self.m_clock.nowMs() - establishedAtMs >= kStableSessionMs)
            redirects = 0;
        if (++redirects > 5) {
            fail(makeError("redirect-refused", "too many redirects"));
            return;
        }
        log("redirected (same host)");
        closeTransport(false);
        currentUrl = *target;
        connect();
        return;
    }
    // RFC 7395 3.6: answer the server's <close/>, then the connection ends.
    closeTransport(true);
    connectionLost("server closed the stream");
}

void Session::Impl::handleStreamError(const xml::Element& error) {
    StreamError e = parseStreamError(error);
    closeTransport(false);  // the server ends the stream after an error
    // <policy-violation/> is also what a server says about bytes it could not frame (Prosody 0.12
    // glues a frame cut off with a dropped connection to the resuming connection's first one): once in
    // kPolicyRetryWindowMs it is worth a reconnect; a second time, reconnecting would only repeat it.
    bool transientPolicy = false;
    if (e.condition == "policy-violation") {
        const std::int64_t now = self.m_clock.nowMs();
        transientPolicy = policyViolationAtMs < 0 || now - policyViolationAtMs >= kPolicyRetryWindowMs;
        policyViolationAtMs = now;
    }
    if (everEstablished && (transientPolicy || !isFatalStreamError(e.condition))) {
        connectionLost("stream error " + e.condition);
        return;
    }
    fail(makeError("stream-error:" + e.condition, e.text));
}

void Session::Impl::violation(const std::string& what) {
    // RFC 6120 4.9.1.1, RFC 7395 3.4 and 3.6: the stream error in a frame of its own, then <close/>.
    // <bad-format/> (RFC 6120 4.9.3.1, "XML that cannot be processed") is the condition that fits either
    // direction: <invalid-xml/> is for a server that validates, <unsupported-stanza-type/> for what the
    // server does not support.
    log("stream error sent (bad-format): " + what);
    sendElement(streamError("bad-format", what));
    closeTransport(/*sendClose=*/true);
    if (!everEstablished) {
        fail(makeError("bad-frame", what));
        return;
    }
    // A reconnect, as for a lost connection (a resumption, if the server still allows one). A server
    // that does it again after every login gets the back-off of failed attempts, not a reconnect a second.
    const std::int64_t now = self.m_clock.nowMs();
    violations = violationAtMs >= 0 && now - violationAtMs < kViolationWindowMs ? violations + 1 : 1;
    violationAtMs = now;
    reconnectAttempt = std::max(reconnectAttempt, violations - 1);
    connectionLost("protocol violation by the server: " + what);
}

}  // namespace starling::stream
