#pragma once
// Audio/video calls (issue 16) as a module: Jingle RTP sessions (XEP-0166/0167) over ICE-UDP with
// DTLS-SRTP (XEP-0176/0320, RTP feedback, header extensions, grouping, sources: 0293/0294/0338/0339)
// and Jingle Message Initiation (XEP-0353). The call's logic is calls::CallSession; this module feeds it
// what arrives (JMI messages direct and as carbons, Jingle IQs, the peer's unavailable presence, the
// clock, a new XMPP session) and sends what it queues. State::call mirrors it; the browser's media
// layer takes its work from takeMediaEvents() and answers through localDescription/localCandidate/
// mediaState. Built before the presence module: it sees an unavailable presence before that module
// takes it (and never takes it itself).
#include <utility>
#include <vector>

#include "core/calls/call_session.h"
#include "core/modules/module.h"
#include "core/modules/xep0215_external_services_module.h"

namespace starling::modules {

class CallsModule : public Module {
public:
    // `enabled`: ClientConfig::calls (off: nothing advertised, nothing taken, as if the module were absent).
    CallsModule(Core& core, ExternalServicesModule& externalServices, bool enabled);
    const char* name() const override { return "calls"; }
    std::vector<std::string> features() const override;
    void onAccount() override;
    void onEstablished() override;
    void onTimer(std::int64_t nowMs) override;

    bool startCall(const std::string& jid, bool video);
    bool acceptCall();
    bool declineCall();
    bool hangUp();
    bool localDescription(const std::string& sdp);
    bool localCandidate(const std::string& mid, const std::string& candidate);
    void mediaState(bool connected);
    void mediaFailed(const std::string& condition);
    std::vector<model::CallMediaEvent> takeMediaEvents() { return std::exchange(m_media, {}); }

private:
    calls::CallSession::Env env();
    router::Handled onJmiMessage(const xml::Element& message);
    im::Flow originStage(im::Incoming& in);
    router::IqAnswer onJingleIq(const xml::Element& iq, const xml::Element& payload);
    bool jmi(const xml::Element& message, bool fromOurAccount);
    std::int64_t now() const { return m_core.p.clock.nowMs(); }
    void flush();  // sends what the session queued, takes its media events, mirrors State::call

    ExternalServicesModule& m_externalServices;
    bool m_enabled;
    calls::CallSession m_session;
    std::vector<model::CallMediaEvent> m_media;
};

}  // namespace starling::modules
