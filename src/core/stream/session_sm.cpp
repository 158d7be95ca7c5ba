// XEP-0198 inside the Session: <enable resume/> after bind, inbound counting and <a/> answers,
// batched <r/> requests, the unacked queue, <resume/> after an unexpected loss, and the fall-back
// to a new session when resumption fails. Counter rules live in xep0198_stream_management.
#include <algorithm>
#include <utility>

#include "core/stream/session_impl.h"
#include "core/xml/ns.h"

namespace starling::stream {

void Session::Impl::sendStanza(const xml::Element& stanza) {
    sendElement(stanza);
    if (smMode == SmMode::Off) return;
    sm.sent(stanza);
    // The first stanza after a quiet spell asks at once (a lone message turns Sent quickly); while
    // a request is out, later ones are batched: every kAckBatch-th, or kAckDelayMs after the first.
    if (++smUnrequested >= kAckBatch || !smRequestOut) {
        smRequestNow();
    } else if (smRequestAtMs == 0) {
        smRequestAtMs = self.m_clock.nowMs() + kAckDelayMs;
    }
}

void Session::Impl::smStart() {
    smForget();
    if (!config.streamManagement || !features.streamManagement) return;
    // The server counts from the moment it handles <enable/>, so everything sent after it counts.
    smMode = SmMode::Requested;
    sendElement(xep::smEnable(/*resume=*/true));
}

void Session::Impl::smForget() {
    smMode = SmMode::Off;
    sm.reset();
    smId.clear();
    smResumable = false;
    resumePending = false;
    smUnrequested = 0;
    smRequestAtMs = 0;
    smRequestOut = false;
    smResumeCheck = false;
    smResumeCheckFailed = false;
    smResumesWithoutAck = 0;
}

void Session::Impl::smRequestNow() {
    if (!smRequestOut) smRequestSentMs = self.m_clock.nowMs();  // the oldest unanswered request counts
    smRequestOut = true;
    smUnrequested = 0;
    smRequestAtMs = 0;
    sendElement(xep::smRequest());
}

void Session::Impl::smTimer(std::int64_t now) {
    if (smMode == SmMode::Off || self.m_state != SessionState::Established) return;
    std::int64_t limit = config.ackTimeoutMs;
    if (smResumeCheck && !smResumeCheckFailed) limit = std::min(limit, kResumeAckTimeoutMs);
    if (smRequestOut && limit > 0 && now - smRequestSentMs >= limit) {
        log("no <a/> for " + std::to_string(now - smRequestSentMs) + " ms" +
            (smResumeCheck ? " after resuming" : "") + "; dropping the connection");
        if (smResumeCheck) smResumeCheckFailed = true;  // smResumeAfterLoss counts it
        closeTransport(/*sendClose=*/false);  // a <close/> would end the session on the server
        connectionLost("ack timeout");
        return;
    }
    if (smRequestAtMs != 0 && now >= smRequestAtMs) smRequestNow();
}

void Session::Impl::smAcked(std::vector<xml::Element> stanzas) {
    for (auto& s : stanzas) {
        post([this, st = std::move(s)] {
            if (self.onAcked) self.onAcked(st);
        });
    }
}

void Session::Impl::smImpossibleAck(std::uint32_t h) {
    // XEP-0198 §4: not an ack. Close with undefined-condition; the queue stays for the resend.
    log("server acknowledged " + std::to_string(h) + " stanzas but only " + std::to_string(sm.sendCount()) +
        " were sent; closing the stream");
    sendElement(xep::smHandledCountTooHigh(h, sm.sendCount()));
    closeTransport(true);
    connectionLost("handled-count-too-high");
}

void Session::Impl::handleSm(const xml::Element& frame) {
    const std::string& name = frame.name();
    if (name == "r") {
        if (smMode == SmMode::Enabled) sendElement(xep::smAck(sm.inbound()));
        else log("ignored <r/> without stream management");
        return;
    }
    if (name == "a") {
        if (smMode == SmMode::Off) return;
        auto h = xep::parseSmAck(frame);
        if (!h) {
            log("ignored <a/> with an unreadable h");
            return;
        }
        auto acked = sm.ack(*h);
        if (!acked) {
            smImpossibleAck(*h);
            return;
        }
        smRequestOut = false;
        if (smResumeCheck) {  // the resumed connection works
            smResumeCheckFailed = false;
            smResumesWithoutAck = 0;
        }
        smResumeCheck = false;
        smAcked(std::move(*acked));
        return;
    }
    if (name == "enabled") {
        if (smMode != SmMode::Requested) {
            log("ignored unexpected <enabled/>");
            return;
        }
        auto enabled = xep::parseSmEnabled(frame);
        smMode = SmMode::Enabled;
        smId = enabled ? enabled->id : std::string();
        smResumable = enabled && enabled->resume && !smId.empty();
        log(smResumable ? "stream management enabled (resumable)" : "stream management enabled");
        return;
    }
    if (name == "failed") {
        if (phase == Phase::Resuming) {
            smResumeFailed(frame);
        } else if (smMode == SmMode::Requested) {
            // <enable/> refused: what was sent meanwhile went out like on any stream without SM.
            log("stream management refused: " + xep::parseSmFailed(frame).condition);
            std::vector<xml::Element> written(sm.unacked().begin(), sm.unacked().end());
            smForget();
            smAcked(std::move(written));
        } else {
            log("ignored unexpected <failed/>");
        }
        return;
    }
    if (name == "resumed") {
        if (phase == Phase::Resuming) smResumed(frame);
        else log("ignored unexpected <resumed/>");
        return;
    }
    log("ignored stream management element <" + name + ">");
}

bool Session::Impl::smResumeAfterLoss() {
    if (smMode != SmMode::Enabled || !smResumable) return false;
    if (phase == Phase::Resuming || smResumeCheck) {  // this connection was a resumption: no <a/> came
        ++smResumesWithoutAck;
        smResumeCheck = false;
    }
    if (smResumesWithoutAck < kMaxResumesWithoutAck) return true;
    log(std::to_string(smResumesWithoutAck) + " resumptions in a row brought no ack; binding a new session");
    return false;
}

bool Session::Impl::smTryResume() {
    if (!resumePending) return false;
    if (!features.streamManagement) {
        log("stream management no longer offered; starting a new session");
        deliver(iqs.failAll("disconnected"));
        smForget();
        self.m_boundJid.clear();
        return false;
    }
    phase = Phase::Resuming;
    log("resuming the previous session");
    sendElement(xep::smResume(sm.inbound(), smId));
    return true;
}

void Session::Impl::smResumed(const xml::Element& frame) {
    auto resumed = xep::parseSmResumed(frame);
    if (!resumed) {
        fail(makeError("bad-frame", "<resumed/> without a valid h"));
        return;
    }
    auto acked = sm.ack(resumed->h);
    if (!acked) {
        // The server claims more than we sent: not an ack. A new session, then the owner re-sends.
        log("resumed with an impossible h; starting a new session");
        sendElement(xep::smHandledCountTooHigh(resumed->h, sm.sendCount()));
        closeTransport(true);
        resumePending = false;
        smResumable = false;
        connectionLost("handled-count-too-high");
        return;
    }
    // The server handled stanzas we sent after its last <a/>: the previous connection was read (perhaps
    // slowly), whatever its check said.
    if (!acked->empty()) smResumesWithoutAck = 0;
    smAcked(std::move(*acked));
    resumePending = false;
    phase = Phase::Done;
    reconnectAttempt = 0;
    redirects = 0;
    // Exactly the unacknowledged tail, the same stanzas (same ids), in the original order; the
    // server counts them from the h it just reported, so the invariant sendCount = h + queue holds.
    for (const auto& s : sm.unacked()) sendElement(s);
    log("resumed as " + self.m_boundJid + "; re-sent " + std::to_string(sm.unacked().size()) + " stanzas");
    smRequestNow();  // always: its <a/> shows the server reads this connection (smTimer)
    smResumeCheck = true;
    setState(SessionState::Established);
    post([this] {
        if (self.onResumed) self.onResumed();
    });
}

void Session::Impl::smResumeFailed(const xml::Element& frame) {
    xep::SmFailed failed = xep::parseSmFailed(frame);
    log("resumption failed (" + (failed.condition.empty() ? std::string("no condition") : failed.condition) +
        "); binding a new session");
    // An h on <failed/> still tells what the server handled before the old session ended.
    if (failed.h) {
        if (auto acked = sm.ack(*failed.h)) smAcked(std::move(*acked));
        else log("ignored an impossible h on <failed/>");
    }
    deliver(iqs.failAll("disconnected"));  // never re-sent blindly: their owners decide
    smForget();
    self.m_boundJid.clear();
    startBind();
}

// ---- public API ----

bool Session::ackTracking() const { return m_impl->smMode != Impl::SmMode::Off; }

bool Session::resumable() const {
    return m_impl->resumePending || (m_impl->smMode == Impl::SmMode::Enabled && m_impl->smResumable);
}

std::size_t Session::unackedCount() const { return m_impl->sm.unacked().size(); }

}  // namespace starling::stream
