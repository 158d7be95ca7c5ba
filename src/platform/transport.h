#pragma once
// The WebSocket the core talks through (RFC 7395, subprotocol "xmpp"). Implemented by web/ (browser)
// and src/native/ (tests). The platform reports events back by calling the core's inputs:
// Client::onTransportOpen(), onFrame(text), onTransportClosed(reason).
#include <string>
#include <string_view>

namespace starling::platform {

class Transport {
public:
    virtual ~Transport() = default;
    virtual void open(const std::string& url) = 0;  // must not call back synchronously
    virtual void send(std::string_view text) = 0;   // one complete XML element per message
    virtual void close() = 0;                       // no onTransportClosed callback after this
};

}  // namespace starling::platform
