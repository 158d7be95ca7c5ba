#pragma once
// XEP-0199 XMPP Ping: a ping to us is answered with an empty result. (Our keepalive pings to the server
// are the session's.)
#include "core/modules/module.h"

namespace starling::modules {

class PingModule : public Module {
public:
    explicit PingModule(Core& core);
    const char* name() const override { return "xep0199-ping"; }
    std::vector<std::string> features() const override;
};

}  // namespace starling::modules
