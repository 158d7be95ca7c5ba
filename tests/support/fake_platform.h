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
    std::vector<std::pair<std::uint32_t, std::string>> requests;
};

class FakePersistence : public platform::Persistence {
public:
    void requestFlush() override { ++flushes; }
    int flushes = 0;
};

}  // namespace starling::test
