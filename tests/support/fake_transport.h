#pragma once
// A Transport for tests: records the URLs opened and the frames sent; never calls back by itself
// (the test plays the platform and calls Session/Client inputs).
#include <string>
#include <string_view>
#include <vector>

#include "platform/transport.h"

namespace starling::test {

class FakeTransport : public platform::Transport {
public:
    void open(const std::string& url) override;
    void send(std::string_view text) override;
    void close() override;

    std::vector<std::string> openedUrls;
    std::vector<std::string> sent;  // every frame, in order
    int closeCalls = 0;
    bool isOpen = false;  // true after open(), false after close(); tests may set it

    // Frames sent since the last call (and forgets them).
    std::vector<std::string> takeSent();
    // Last frame sent, or "" if none.
    std::string lastSent() const { return sent.empty() ? std::string() : sent.back(); }

private:
    std::size_t m_taken = 0;
};

}  // namespace starling::test
