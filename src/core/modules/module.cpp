#include "core/modules/module.h"

namespace starling::modules {

std::string Core::uuid() const {
    std::uint8_t b[16];
    p.random.fill(b, sizeof b);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 15];
    }
    return out;
}

im::IncomingOptions Core::incomingOptions(bool countUnread) const {
    im::IncomingOptions o;
    o.ownBareJid = account;
    o.nowMs = p.clock.wallTimeMs();
    o.trustStanzaIds = trustStanzaIds;
    o.countUnread = countUnread;
    return o;
}

void Core::receive(const xml::Element& message, const im::IncomingOptions& options) {
    im::Incoming in(state, message);
    in.options = options;
    incoming.run(in);
}

}  // namespace starling::modules
