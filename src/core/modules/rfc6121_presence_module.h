#pragma once
// RFC 6121 presence: contacts' availability per resource, and our own presence (sent when the session
// goes online and when the person changes it; decorated by other modules, e.g. XEP-0115 caps).
#include <functional>
#include <vector>

#include "core/modules/module.h"

namespace starling::modules {

class PresenceModule : public Module {
public:
    explicit PresenceModule(Core& core);
    const char* name() const override { return "rfc6121-presence"; }
    void onOnline() override;

    void setPresence(model::Show show, const std::string& status);
    // Adds to every available presence of ours (never to unavailable).
    void decorate(std::string module, std::function<void(xml::Element&)> decorator) {
        m_decorators.push_back(std::move(decorator));
        m_decoratedBy.push_back(std::move(module));
    }
    const std::vector<std::string>& decoratedBy() const { return m_decoratedBy; }

private:
    xml::Element ownPresence() const;
    std::vector<std::function<void(xml::Element&)>> m_decorators;
    std::vector<std::string> m_decoratedBy;
};

}  // namespace starling::modules
