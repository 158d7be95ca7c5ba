#include "fake_transport.h"

namespace starling::test {

void FakeTransport::open(const std::string& url) {
    openedUrls.push_back(url);
    isOpen = true;
}

void FakeTransport::send(std::string_view text) { sent.emplace_back(text); }

void FakeTransport::close() {
    ++closeCalls;
    isOpen = false;
}

std::vector<std::string> FakeTransport::takeSent() {
    std::vector<std::string> out(sent.begin() + static_cast<long>(m_taken), sent.end());
    m_taken = sent.size();
    return out;
}

}  // namespace starling::test
