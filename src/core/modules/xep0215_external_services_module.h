#pragma once
// XEP-0215 External Service Discovery: our server's STUN/TURN services and credentials, asked on every
// new session and again before a call when the answer is older than kRefreshMs (TURN credentials are
// time-limited), into State::iceServers for the browser's RTCPeerConnection. Nothing is advertised: it
// is our server's feature. Only asked when the page can make calls (ClientConfig::calls).
#include <cstdint>

#include "core/modules/module.h"

namespace starling::modules {

class ExternalServicesModule : public Module {
public:
    static constexpr std::int64_t kRefreshMs = 10 * 60 * 1000;
    ExternalServicesModule(Core& core, bool enabled) : Module(core), m_enabled(enabled) {}
    const char* name() const override { return "xep0215-external-services"; }
    void onAccount() override;
    void onOnline() override;
    // Asks again when the last answer is older than kRefreshMs (none asked yet: asks).
    void refreshIfStale();

private:
    void query();
    bool m_enabled;  // ClientConfig::calls
    std::uint64_t m_epoch = 0;
    std::int64_t m_askedAt = -1;  // -1: never
};

}  // namespace starling::modules
