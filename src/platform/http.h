#pragma once
// Plain HTTP GET for XEP-0156 host-meta discovery. Completion is reported via
// Client::onHttpResult(requestId, status, body) — never synchronously from get().
#include <cstdint>
#include <string>

namespace starling::platform {

class Http {
public:
    virtual ~Http() = default;
    virtual void get(std::uint32_t requestId, const std::string& url) = 0;
};

}  // namespace starling::platform
