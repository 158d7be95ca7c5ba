#pragma once
// HTTP for the core: a plain GET for XEP-0156 host-meta discovery, and requests for shared files
// (XEP-0363 PUT, downloads). Completion is reported via Client::onHttpResult(requestId, status, body) —
// never synchronously — and progress of requests via Client::onHttpProgress(requestId, done, total).
// status: the HTTP status, 0 for a network failure, kHttpTooLarge when a response passed maxBytes (the
// platform stopped reading it), kHttpCancelled never (a cancelled request reports nothing).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace starling::platform {

inline constexpr int kHttpTooLarge = -2;

struct HttpRequest {
    std::string method;  // "GET" or "PUT"
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;            // PUT: the file's bytes
    std::uint64_t maxBytes = 0;  // GET: give up past this many bytes of response (0: no limit)
};

class Http {
public:
    virtual ~Http() = default;
    virtual void get(std::uint32_t requestId, const std::string& url) = 0;
    virtual void request(std::uint32_t requestId, const HttpRequest& request) = 0;
    virtual void cancel(std::uint32_t requestId) = 0;
};

}  // namespace starling::platform
