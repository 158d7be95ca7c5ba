#include "core/modules/xep0215_external_services_module.h"

#include "core/xep/xep0215_external_services.h"

namespace starling::modules {

void ExternalServicesModule::onAccount() {
    ++m_epoch;
    m_askedAt = -1;
    m_core.state.iceServers.clear();
}

void ExternalServicesModule::onOnline() {
    if (m_enabled) query();
}

void ExternalServicesModule::refreshIfStale() {
    if (!m_enabled || !m_core.online()) return;
    if (m_askedAt < 0 || m_core.p.clock.nowMs() - m_askedAt >= kRefreshMs) query();
}

void ExternalServicesModule::query() {
    const std::string& account = m_core.account;
    const std::size_t at = account.find('@');
    const std::string domain = at == std::string::npos ? account : account.substr(at + 1);
    const std::uint64_t epoch = ++m_epoch;
    m_askedAt = m_core.p.clock.nowMs();
    m_core.session.sendIq(xep::externalServicesIq(domain), [this, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch) return;
        if (!r) {
            if (r.error().code != "disconnected") m_core.log("external services not available: " + r.error().code);
            return;  // keep what we had: a call may still work with host candidates
        }
        auto services = xep::parseExternalServices(*r);
        std::vector<model::IceServer> servers;
        for (const auto& s : services ? *services : std::vector<xep::ExternalService>{}) {
            std::string url = xep::iceServerUrl(s);
            if (url.empty()) continue;
            servers.push_back({{std::move(url)}, s.username, s.password});
        }
        m_core.state.iceServers = std::move(servers);
        m_core.touch();
    });
}

}  // namespace starling::modules
