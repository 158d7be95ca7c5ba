#pragma once
// Shared helpers for tests against a live Prosody started by scripts/test.sh (scripts/prosody.sh).
// STARLING_WS_URL names the WebSocket (default ws://127.0.0.1:5280/xmpp-websocket), STARLING_XMPP_DOMAIN
// the VirtualHost (default localhost). Nothing here is faked: real sockets, real clock, real randomness.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "native/native_clock.h"
#include "native/urandom_random.h"
#include "native/ws_transport.h"

namespace starling::integration {

inline std::string wsUrl() {
    const char* v = std::getenv("STARLING_WS_URL");
    return v && *v ? v : "ws://127.0.0.1:5280/xmpp-websocket";
}

inline std::string domain() {
    const char* v = std::getenv("STARLING_XMPP_DOMAIN");
    return v && *v ? v : "localhost";
}

// A fresh, never-used localpart: prefix + 12 random hex digits.
inline std::string uniqueName(const std::string& prefix) {
    native::UrandomRandom random;
    std::uint8_t b[6];
    random.fill(b, sizeof b);
    static const char* hex = "0123456789abcdef";
    std::string s = prefix;
    for (std::uint8_t x : b) {
        s.push_back(hex[x >> 4]);
        s.push_back(hex[x & 15]);
    }
    return s;
}

// The whole file, or "" when it is missing (e.g. Prosody's stanza log, its ports file).
inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::int64_t steadyNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Runs `step` (one short poll of every transport involved) until `done` holds or timeoutMs passes.
// Returns whether `done` held. Calls `tick` about every 250 ms (Client::onTimer / Session::onTimer).
inline bool pumpUntil(const std::function<bool()>& done, const std::function<void()>& step,
                      const std::function<void()>& tick, std::int64_t timeoutMs = 15000) {
    const std::int64_t deadline = steadyNowMs() + timeoutMs;
    std::int64_t nextTick = steadyNowMs() + 250;
    while (!done()) {
        if (steadyNowMs() > deadline) return false;
        step();
        if (steadyNowMs() >= nextTick) {
            if (tick) tick();
            nextTick = steadyNowMs() + 250;
        }
    }
    return true;
}

}  // namespace starling::integration
