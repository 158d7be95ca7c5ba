#pragma once
// Asks the platform to make written files durable (IDBFS: FS.syncfs(false), debounced; native: no-op).
// Failures come back to the core through Client::onPersistError(message).
namespace starling::platform {

class Persistence {
public:
    virtual ~Persistence() = default;
    virtual void requestFlush() = 0;
};

}  // namespace starling::platform
