#pragma once
// The platform's HTTP and persistence for tests: requests and flushes are recorded, nothing happens.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "platform/http.h"
#include "platform/persistence.h"

namespace starling::test {

class FakeHttp : public platform::Http {
public:
    void get(std::uint32_t requestId, const std::string& url) override { requests.emplace_back(requestId, url); }
    void request(std::uint32_t requestId, const platform::HttpRequest& r) override { transfers.emplace_back(requestId, r); }
    void cancel(std::uint32_t requestId) override { cancelled.push_back(requestId); }
    std::vector<std::pair<std::uint32_t, std::string>> requests;
    std::vector<std::pair<std::uint32_t, platform::HttpRequest>> transfers;  // request(): PUTs and file GETs
    std::vector<std::uint32_t> cancelled;
};

class FakePersistence : public platform::Persistence {
public:
    void requestFlush() override { ++flushes; }
    int flushes = 0;
};

}  // namespace starling::test
